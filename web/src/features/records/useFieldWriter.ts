import { newId, readField, readFormSchema, writeField, type FieldValue } from '@concord/shared';
import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';

/** What the author saw of a field: the ids of its heads in the row they acted on (RecordRow.heads). */
export type SeenHeads = readonly string[] | undefined;

/**
 * Writes a field of a record from a list (the pipeline's moves): an ordinary write through the form
 * model, so a concurrent write elsewhere becomes a conflict to review. The record's document is
 * opened for it and kept open while the list is shown, so its row stays live (useLiveRows.ts).
 *
 * The write supersedes the heads its author saw in the row (§5), not those the document holds once
 * it has arrived: a record never opened in this browser is written only when it comes, which
 * offline is after reconnecting, and by then another person's concurrent move may be in it. Their
 * move stays a head and the two are one conflict to review. This tab's own earlier writes of the
 * field were seen too (the card moved), even when made before the document came.
 */
export function useFieldWriter(): (doc: string, field: string, value: FieldValue, seen: SeenHeads) => void {
  const { registry, session } = useCollab();
  const held = useMemo(() => new Set<string>(), []);
  const ownLast = useMemo(() => new Map<string, string>(), []);
  useEffect(() => () => held.forEach((name) => registry.release(name)), [registry, held]);
  return useMemo(
    () => (name: string, field: string, value: FieldValue, seen: SeenHeads) => {
      if (!held.has(name)) {
        registry.acquire(name);
        held.add(name);
      }
      const key = `${name}\n${field}`;
      whenSchemaKnown(registry, name, (doc) => {
        const state = readField(doc, field);
        if (state.value === value && !state.conflict) return;
        const own = ownLast.get(key);
        // A row cached by an older client has no heads: then only what this copy holds is known.
        const supersedes = seen && [...seen, ...(own ? [own] : [])];
        // Known before writing: the write notifies the registry, which may run a next move's action at once.
        const writeId = newId();
        ownLast.set(key, writeId);
        writeField(doc, field, value, session.user, supersedes ? { supersedes, writeId } : { writeId });
      });
    },
    [registry, held, ownLast, session.user],
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
