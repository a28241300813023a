import { readRecord, type RecordRead } from '@concord/shared';
import { useEffect, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';

/**
 * Rows of `type` read from the form documents this tab has open (a record just moved on the board,
 * or open on another screen): they show local and remote edits at once, offline too, before the
 * server's projection has them.
 */
export function useLiveRows(type: string): ReadonlyMap<string, RecordRead> {
  const { registry, session } = useCollab();
  const [rows, setRows] = useState<ReadonlyMap<string, RecordRead>>(new Map());
  useEffect(() => {
    const prefix = `${session.user.org}:form:${type}.`;
    const watched = new Map<string, () => void>();
    const read = () => {
      const next = new Map<string, RecordRead>();
      for (const document of registry.all()) {
        if (!document.name.startsWith(prefix)) continue;
        const record = readRecord(document.name, document.doc);
        if (record && record.schema.length > 0) next.set(document.name, record);
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
