import type * as Y from 'yjs';
import type { DocumentRegistry } from './documentRegistry.ts';

/**
 * Runs `action` on `name` once it has synced with the server, keeping the document open until then.
 * For first writes that must not race a concurrent first write (a form's schema creates the Maps its
 * values live in) and that the server checks against what it already holds.
 */
export function whenSynced(registry: DocumentRegistry, name: string, action: (doc: Y.Doc) => void): void {
  registry.acquire(name);
  const attempt = () => {
    const document = registry.get(name);
    if (!document?.synced) return;
    unsubscribe();
    action(document.doc);
    registry.release(name);
  };
  const unsubscribe = registry.subscribe(attempt);
  attempt();
}
