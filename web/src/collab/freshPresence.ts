/**
 * Presence after a reconnect (docs/PROTOCOL.md, "Awareness").
 *
 * An awareness state is applied only if its clock is newer than the last one seen for that client.
 * When the connection drops, the provider removes the others' states but the clocks stay, and after
 * a reconnect — to a restarted server or, behind a load balancer, to another instance — everyone
 * re-sends the state they had, with the clock they had. So each side ignored the other's presence
 * until its periodic renewal, up to 15 s later. Forgetting the others' clocks on close, and sending
 * our own state with a new clock once synced again, makes presence come back with the connection.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { removeAwarenessStates } from 'y-protocols/awareness';

export function keepPresenceFresh(provider: HocuspocusProvider): void {
  const awareness = provider.awareness;
  if (!awareness) return;
  const own = awareness.clientID;

  provider.on('close', () => {
    const others = [...awareness.getStates().keys()].filter((id) => id !== own);
    removeAwarenessStates(awareness, others, 'connection closed');
    for (const id of [...awareness.meta.keys()]) if (id !== own) awareness.meta.delete(id);
  });
  provider.on('synced', () => {
    const state = awareness.getLocalState();
    if (state !== null) awareness.setLocalState(state);
  });
}
