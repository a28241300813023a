import type { DocumentRegistry } from './documentRegistry.ts';

/**
 * Resolves once the server holds every local change to the open document `name` (synced, nothing
 * pending), so that something the server does with its copy includes them. Rejects after `timeoutMs`.
 */
export function whenAcknowledged(registry: DocumentRegistry, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const document = registry.get(name);
      if (!document?.synced || document.unsynced > 0) return;
      finish();
      resolve();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error('Your latest changes have not reached the server yet (are you offline?). Try again once they have.'));
    }, timeoutMs);
    const unsubscribe = registry.subscribe(check);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    check();
  });
}
