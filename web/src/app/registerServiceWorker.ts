/**
 * The service worker serves the app shell when the network is gone, so an offline reload works.
 * Only the built app registers it: under the Vite dev server it would cache modules being edited.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    console.warn('Offline support is unavailable: the service worker did not register.', error);
  });
}
