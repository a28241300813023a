/**
 * People from awareness states: one entry per user even with several tabs open, the most
 * recently active tab deciding the status and page.
 */
import { parseAwarenessState, presenceStatus, type AwarenessState, type AwarenessUser, type PresenceStatus } from '@concord/shared';
import type { PeerState } from '../../collab/usePresence.ts';

export interface Person {
  user: AwarenessUser;
  status: PresenceStatus;
  page?: string;
  lastActive: number;
}

export function parsePeers(peers: PeerState[]): AwarenessState[] {
  return peers.flatMap(({ state }) => parseAwarenessState(state) ?? []);
}

export function peopleFrom(states: AwarenessState[], excludeUserId: string, now = Date.now()): Person[] {
  const byUser = new Map<string, Person>();
  for (const state of states) {
    if (state.user.id === excludeUserId) continue;
    const known = byUser.get(state.user.id);
    if (known && known.lastActive >= state.lastActive) continue;
    byUser.set(state.user.id, { user: state.user, status: presenceStatus(state, now), lastActive: state.lastActive, ...(state.page ? { page: state.page } : {}) });
  }
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}
