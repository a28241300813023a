import type { FieldDefinition, RecordRow } from '@concord/shared';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/requestJson.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { fetchRecords } from './fetchRecords.ts';
import { openRecordsCache } from './recordsCache.ts';
import { useLiveRows } from './useLiveRows.ts';

/** How often the list asks the server again while the tab is visible (remote edits to records not open here). */
const POLL_MS = 5_000;

export interface RecordsState {
  rows: RecordRow[];
  /** The schema of the most recently updated record known; empty when none is. */
  schema: FieldDefinition[];
  /** Where the rows shown came from so far. */
  source: 'none' | 'cache' | 'server';
  problem?: string;
}

/**
 * The rows of one record type: from IndexedDB at once, then from the server's projection
 * (`GET /api/records`), asked again every few seconds, when the browser is back online and whenever
 * the workspace's directory of records changes; rows of form documents open in this tab are read
 * from the documents themselves. Mount once per type (keyed by it): the state starts empty for each.
 */
export function useRecords(type: string, directoryVersion: number): RecordsState {
  const { session, token } = useCollab();
  const cache = useMemo(() => openRecordsCache(`concord:${session.user.id}:records`), [session.user.id]);
  const [state, setState] = useState<RecordsState>({ rows: [], schema: [], source: 'none' });

  useEffect(() => {
    let current = true;
    cache.read(type).then(
      (list) => current && list && setState((s) => (s.source === 'none' ? { rows: list.rows, schema: list.schema, source: 'cache' } : s)),
      () => undefined,
    );
    const load = async () => {
      try {
        const list = await fetchRecords(await token(), type);
        if (!current) return;
        setState({ ...list, source: 'server' });
        // After the render: copying 2,000 rows into IndexedDB takes the main thread a while.
        setTimeout(() => void cache.write({ type, ...list, savedAt: Date.now() }).catch(() => undefined), 0);
      } catch (error) {
        if (current) setState((s) => ({ ...s, problem: error instanceof ApiError ? error.message : 'The list could not be loaded.' }));
      }
    };
    void load();
    const timer = setInterval(() => document.visibilityState === 'visible' && navigator.onLine && void load(), POLL_MS);
    const online = () => void load();
    window.addEventListener('online', online);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, [cache, token, type, directoryVersion]);

  const live = useLiveRows(type);
  return useMemo(() => {
    if (live.size === 0) return state;
    const rows = state.rows.map((row) => live.get(row.doc)?.row ?? row);
    const known = new Set(state.rows.map((row) => row.doc));
    for (const record of live.values()) if (!known.has(record.row.doc)) rows.push(record.row);
    const schema = state.schema.length > 0 ? state.schema : ([...live.values()][0]?.schema ?? []);
    return { ...state, rows, schema };
  }, [state, live]);
}
