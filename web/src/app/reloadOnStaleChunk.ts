/**
 * After a new release, a page still running the old one asks for chunks that are gone from the
 * server and from the service worker's cache. Reloading gets the new release; at most once a minute,
 * so a chunk that keeps failing (offline, never cached) ends in the screen's error, not a reload loop.
 */
const KEY = 'concord.staleChunkReloadAt';
const MIN_INTERVAL_MS = 60_000;

export function reloadOnStaleChunk(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(KEY) ?? 0);
    if (!navigator.onLine || Date.now() - last < MIN_INTERVAL_MS) return;
    event.preventDefault();
    sessionStorage.setItem(KEY, String(Date.now()));
    location.reload();
  });
}
