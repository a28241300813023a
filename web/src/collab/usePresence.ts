import { useEffect, useState } from 'react';
import type { DocumentState } from './documentRegistry.ts';

export interface PeerState {
  clientId: number;
  state: Record<string, unknown>;
}

/**
 * The awareness states of everyone else on this document (one per connection, so a user with two
 * tabs appears twice; callers group by user when they need people).
 */
export function usePresence(document: DocumentState): PeerState[] {
  const awareness = document.provider.awareness;
  const read = () =>
    awareness
      ? [...awareness.getStates()]
          .filter(([clientId, state]) => clientId !== awareness.clientID && Object.keys(state).length > 0)
          .map(([clientId, state]) => ({ clientId, state }))
      : [];
  const [peers, setPeers] = useState(read);
  useEffect(() => {
    if (!awareness) return;
    const onChange = () => setPeers(read());
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
    // `read` only depends on `awareness`.
  }, [awareness]);
  return peers;
}
