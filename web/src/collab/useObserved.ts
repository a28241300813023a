import { useEffect, useReducer } from 'react';
import type * as Y from 'yjs';

/**
 * Reads from a Y.Doc and reads again after every change to it (local, remote or loaded from
 * IndexedDB). `read` should be cheap: documents here are small and a render per change is fine.
 */
export function useObserved<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return read(doc);
}
