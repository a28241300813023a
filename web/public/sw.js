/*
 * Concord's service worker: the app shell, network first with a cache fallback, so the built app
 * reloads with no connection (documents themselves come from IndexedDB). The API, the WebSocket
 * and other origins are never cached.
 */
const CACHE = 'concord-shell-v1';
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab') || url.pathname === '/health') return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.mode === 'navigate' ? SHELL : request, response.clone());
    return response;
  } catch (error) {
    // Offline: every client route is the same index.html.
    const cached = await cache.match(request.mode === 'navigate' ? SHELL : request);
    if (cached) return cached;
    throw error;
  }
}

/** The page that installs the worker was loaded before it existed, so fetch its files now. */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll([...new Set(assets)]);
}
