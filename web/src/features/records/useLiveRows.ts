import { recordRowOf, type RecordRow } from '@concord/shared';
import { useEffect, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';

/**
 * Rows of `type` read from the form documents this tab has open (a record just moved on the board,
 * or open on another screen): they show local and remote edits at once, offline too, before the
 * server's projection has them.
 */
export function useLiveRows(type: string): ReadonlyMap<string, RecordRow> {
  const { registry, session } = useCollab();
  const [rows, setRows] = useState<ReadonlyMap<string, RecordRow>>(new Map());
  useEffect(() => {
    const prefix = `${session.user.org}:form:${type}.`;
    const watched = new Map<string, () => void>();
    const read = () => {
      const next = new Map<string, RecordRow>();
      for (const document of registry.all()) {
        if (!document.name.startsWith(prefix)) continue;
        const row = recordRowOf(document.name, document.doc);
        if (row && row.schema.length > 0) next.set(row.doc, row);
      }
      setRows(next);
    };
    const watch = () => {
      for (const document of registry.all()) {
        if (!document.name.startsWith(prefix) || watched.has(document.name)) continue;
        const doc = document.doc;
        doc.on('update', read);
        watched.set(document.name, () => doc.off('update', read));
      }
      read();
    };
    const unsubscribe = registry.subscribe(watch);
    watch();
    return () => {
      unsubscribe();
      watched.forEach((stop) => stop());
    };
  }, [registry, session.user.org, type]);
  return rows;
}
