import type { FieldDefinition, RecordRow } from '@concord/shared';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/requestJson.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { fetchRecords, mergeRecords, type RecordList } from './fetchRecords.ts';
import { openRecordsCache } from './recordsCache.ts';
import { useLiveRows } from './useLiveRows.ts';

/** How often the list asks the server again while the tab is visible (remote edits to records not open here). */
const POLL_MS = 5_000;
/** How long the first request waits for IndexedDB's copy, to ask only for what changed since it. */
const CACHE_WAIT_MS = 50;

export interface RecordsState {
  rows: RecordRow[];
  /** The schema of the most recently updated record known; empty when none is. */
  schema: FieldDefinition[];
  /** Where the rows shown came from so far. */
  source: 'none' | 'cache' | 'server';
  problem?: string;
}

/**
 * The rows of one record type: IndexedDB's copy at once, then what changed on the server since that
 * copy (`GET /api/records?since=`; everything on a first visit), asked again every few seconds, when
 * the browser is back online and whenever the workspace's directory of records changes. Rows of
 * form documents open in this tab are read from the documents themselves. Mount once per type
 * (keyed by it): the state starts empty for each.
 */
export function useRecords(type: string, directoryVersion: number): RecordsState {
  const { session, token } = useCollab();
  const cache = useMemo(() => openRecordsCache(`concord:${session.user.id}:records`), [session.user.id]);
  const [state, setState] = useState<RecordsState>({ rows: [], schema: [], source: 'none' });

  useEffect(() => {
    let current = true;
    let known: RecordList | undefined;
    const cached = cache.read(type).then(
      (list) => {
        if (!current || !list) return;
        known ??= list;
        setState((s) => (s.source === 'none' ? { rows: list.rows, schema: list.schema, source: 'cache' } : s));
      },
      () => undefined,
    );
    let loading = false;
    const load = async () => {
      if (loading) return;
      loading = true;
      try {
        // A first visit creates the database, which can be slow on a busy machine: ask for
        // everything then rather than wait long to learn there is no copy.
        await Promise.race([cached, new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS))]);
        const since = known?.asOf;
        const fetched = await fetchRecords(await token(), type, since);
        if (!current) return;
        const changed = since === undefined || fetched.rows.length > 0;
        known = known && since !== undefined ? mergeRecords(known, fetched) : fetched;
        const list = known;
        setState((s) => (changed || s.source !== 'server' || s.problem ? { rows: list.rows, schema: list.schema, source: 'server' } : s));
        // Only when rows changed, and after the render: copying 2,000 rows into IndexedDB takes the
        // main thread a while. The copy's older `asOf` only means the next visit asks for a bit more.
        if (changed) setTimeout(() => void cache.write({ type, ...list, savedAt: Date.now() }).catch(() => undefined), 0);
      } catch (error) {
        if (current) setState((s) => ({ ...s, problem: error instanceof ApiError ? error.message : 'The list could not be loaded.' }));
      } finally {
        loading = false;
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
