import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { DocumentState } from './documentRegistry.ts';
import { useCollab } from './CollabContext.ts';

/**
 * Opens the document `name` for as long as the calling component is mounted. The returned state
 * changes identity whenever the document loads, syncs, or is replaced after a refusal.
 */
export function useDocument(name: string): DocumentState {
  const { registry } = useCollab();
  useEffect(() => {
    registry.acquire(name);
    return () => registry.release(name);
  }, [registry, name]);
  const snapshot = useCallback(() => registry.ensure(name), [registry, name]);
  return useSyncExternalStore(registry.subscribe, snapshot);
}
