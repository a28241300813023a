/**
 * Chat history older than the live messages: the server moves a channel's oldest messages past
 * LIVE_MESSAGE_LIMIT to its archive (docs/ARCHITECTURE.md, "The server as a participant"), served
 * page by page, newest first. Loaded pages are kept oldest first and contiguous with the live
 * array: when more messages leave the live array while history is shown, the newest archive pages
 * are read again until they meet what is loaded.
 */
import { LIVE_MESSAGE_LIMIT, type Message } from '@concord/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/requestJson.ts';
import { fetchArchivePage } from './archiveApi.ts';

export interface Archive {
  /** Archived messages loaded so far, oldest first, without any still in the live array. */
  messages: Message[];
  /** Whether the channel may have history beyond what is shown. */
  hasOlder: boolean;
  /** The very first message of the channel is loaded. */
  reachedStart: boolean;
  loading: boolean;
  error: string | null;
  loadOlder(): void;
}

const PAGE_SIZE = 50;
/** Largest page the server serves; used to catch up with messages archived while history is shown. */
const CATCH_UP_PAGE_SIZE = 200;
const CATCH_UP_PAGES = 5;

interface Loaded {
  messages: Message[];
  exhausted: boolean;
}

/** `token` gives the current token at each request (it is renewed while the screen is open). */
export function useArchive(token: () => Promise<string>, channelName: string, live: readonly Message[]): Archive {
  const [loaded, setLoaded] = useState<Loaded>({ messages: [], exhausted: false });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Loads run one after another, each on the result of the previous one.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const current = useRef(loaded);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);

  const run = useCallback((step: (state: Loaded) => Promise<Loaded>) => {
    setLoading(true);
    queue.current = queue.current.then(async () => {
      try {
        const next = await step(current.current);
        current.current = next;
        if (!mounted.current) return;
        setLoaded(next);
        setError(null);
      } catch (caught) {
        if (mounted.current) setError(caught instanceof ApiError ? caught.message : String(caught));
      } finally {
        if (mounted.current) setLoading(false);
      }
    });
  }, []);

  const loadOlder = useCallback(() => {
    run(async (state) => {
      if (state.exhausted) return state;
      const before = state.messages[0]?.id;
      // One more than is shown tells whether anything older is left.
      const page = await fetchArchivePage(await token(), channelName, { ...(before ? { before } : {}), limit: PAGE_SIZE + 1 });
      return { messages: [...page.slice(0, PAGE_SIZE).reverse(), ...state.messages], exhausted: page.length <= PAGE_SIZE };
    });
  }, [run, token, channelName]);

  // The live array's oldest message changed: messages may have moved from it to the archive.
  const oldestLive = live[0]?.id;
  useEffect(() => {
    if (oldestLive === undefined || current.current.messages.length === 0) return;
    run(async (state) => {
      const newestLoaded = state.messages[state.messages.length - 1]?.id;
      if (newestLoaded === undefined) return state;
      const newer: Message[] = [];
      let before: string | undefined;
      for (let i = 0; i < CATCH_UP_PAGES; i++) {
        const page = await fetchArchivePage(await token(), channelName, { ...(before ? { before } : {}), limit: CATCH_UP_PAGE_SIZE });
        const met = page.findIndex((message) => message.id === newestLoaded);
        if (met >= 0) return { ...state, messages: [...state.messages, ...page.slice(0, met).reverse(), ...newer] };
        newer.unshift(...page.reverse());
        before = page[0]?.id;
        if (page.length < CATCH_UP_PAGE_SIZE || before === undefined) break;
      }
      // Too far behind to join up: start the history again from the newest archived page.
      return { messages: [], exhausted: false };
    });
  }, [oldestLive, run, token, channelName]);

  const liveIds = new Set(live.map((message) => message.id));
  return {
    messages: loaded.messages.filter((message) => !liveIds.has(message.id)),
    // Only a full live array can have an archive behind it: messages are never removed otherwise.
    hasOlder: live.length >= LIVE_MESSAGE_LIMIT && !loaded.exhausted,
    reachedStart: loaded.exhausted,
    loading,
    error,
    loadOlder,
  };
}
