import { readField, readFormSchema, writeField, type FieldValue } from '@concord/shared';
import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';

/**
 * Writes a field of a record from a list (the pipeline's moves): an ordinary write through the form
 * model, so a concurrent write elsewhere becomes a conflict to review. The record's document is
 * opened for it and kept open while the list is shown, so its row stays live (useLiveRows.ts).
 */
export function useFieldWriter(): (doc: string, field: string, value: FieldValue) => void {
  const { registry, session } = useCollab();
  const held = useMemo(() => new Set<string>(), []);
  useEffect(() => () => held.forEach((name) => registry.release(name)), [registry, held]);
  return useMemo(
    () => (name: string, field: string, value: FieldValue) => {
      if (!held.has(name)) {
        registry.acquire(name);
        held.add(name);
      }
      whenSchemaKnown(registry, name, (doc) => {
        const state = readField(doc, field);
        if (state.value !== value || state.conflict) writeField(doc, field, value, session.user);
      });
    },
    [registry, held, session.user],
  );
}

/**
 * Runs `action` once the document's schema is there: from IndexedDB when the record was opened in
 * this browser before (offline too), else from the server. Holds the document open until then, so
 * a move made just before leaving the list still happens.
 */
function whenSchemaKnown(registry: DocumentRegistry, name: string, action: (doc: Y.Doc) => void): void {
  registry.acquire(name);
  const attempt = () => {
    const document = registry.get(name);
    if (!document || !(document.loaded || document.synced) || readFormSchema(document.doc).length === 0) return;
    unsubscribe();
    action(document.doc);
    registry.release(name);
  };
  const unsubscribe = registry.subscribe(attempt);
  attempt();
}
