/**
 * This tab's presence (docs/PROTOCOL.md, "Awareness"): who I am, my status and the page I am on. It
 * is copied into the awareness of every open document, so presence shows wherever others look.
 */
import { buildAwarenessState, type AwarenessState, type PresenceStatus } from '@concord/shared';
import type { SessionUser } from '../auth/session.ts';
import type { DocumentRegistry } from './documentRegistry.ts';

export interface LocalPresence {
  status: PresenceStatus;
  page: string;
}

export interface LocalPresenceStore {
  get(): LocalPresence;
  set(patch: Partial<LocalPresence>): void;
  /** Marks this tab as in use (others show a person idle for long as away). */
  touch(): void;
  /** The awareness state a newly opened document starts with. */
  awareness(): AwarenessState;
  subscribe(listener: () => void): () => void;
}

const STATUS_KEY = 'concord.status';
/** lastActive is refreshed at most this often; `away` starts after minutes (AWAY_AFTER_MS). */
const TOUCH_EVERY_MS = 60_000;

export function createLocalPresence(user: SessionUser, registry: () => DocumentRegistry | undefined): LocalPresenceStore {
  const saved = localStorage.getItem(STATUS_KEY);
  let current: LocalPresence = {
    status: saved === 'away' || saved === 'busy' ? saved : 'online',
    page: location.pathname,
  };
  const listeners = new Set<() => void>();
  const build = () => buildAwarenessState({ user, status: current.status, page: current.page, now: Date.now() });

  let touchedAt = Date.now();
  const store: LocalPresenceStore = {
    get: () => current,
    touch() {
      if (Date.now() - touchedAt < TOUCH_EVERY_MS) return;
      touchedAt = Date.now();
      store.set({});
    },
    set(patch) {
      current = { ...current, ...patch };
      localStorage.setItem(STATUS_KEY, current.status);
      const { status, page, lastActive } = build();
      for (const doc of registry()?.all() ?? []) {
        const awareness = doc.provider.awareness;
        if (!awareness) continue;
        awareness.setLocalState({ ...awareness.getLocalState(), status, page, lastActive });
      }
      listeners.forEach((listener) => listener());
    },
    awareness: build,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}
