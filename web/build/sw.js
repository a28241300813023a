/*
 * Concord's service worker. `BUILD`, written above this line by web/build/serviceWorker.ts, lists
 * every file of this build. Installing caches all of them, so the app opens with no connection,
 * also on screens never visited (each screen is a chunk of its own); activating drops everything
 * cached that is not part of this build, so old hashed files do not pile up. Documents themselves
 * come from IndexedDB. The API, the WebSocket and other origins are never cached.
 */
/* global BUILD */
const CACHE = 'concord-shell';
const SHELL = '/index.html';
const FILES = new Set([SHELL, ...BUILD.files]);

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(prune().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Opening a file (`/api/files/…`) or a sign-in redirect (`/api/auth/…`) is a navigation too: it
  // must reach the server, and is no app page.
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) event.respondWith(shellFromNetworkFirst(request));
  else if (FILES.has(url.pathname)) event.respondWith(fromCacheFirst(request));
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...FILES].map(async (path) => {
      // A hashed name always has the same content: a copy kept from an earlier build will do.
      if (path.startsWith('/assets/') && (await cache.match(path))) return;
      const response = await fetch(path, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await cache.put(path, response);
    }),
  );
}

async function prune() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)));
  const cache = await caches.open(CACHE);
  const requests = await cache.keys();
  await Promise.all(requests.filter((request) => !FILES.has(new URL(request.url).pathname)).map((request) => cache.delete(request)));
}

/** Every client route is the same index.html: the newest from the server, the cached one offline. */
async function shellFromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
