import { typingUsers, TYPING_EXPIRY_MS } from '@concord/shared';
import { useEffect, useReducer } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { parsePeers } from '../presence/peers.ts';

export function typingSentence(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

export function TypingIndicator({ channel }: { channel: DocumentState }) {
  const { session } = useCollab();
  const states = parsePeers(usePresence(channel)).filter((state) => state.user.id !== session.user.id);
  const names = typingUsers(states, Date.now()).map((user) => user.name);
  // Typing expires without any awareness change (a peer that went quiet), so look again shortly.
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (names.length === 0) return;
    const timer = setTimeout(tick, TYPING_EXPIRY_MS / 5);
    return () => clearTimeout(timer);
  });
  return (
    <p className="typing muted small" aria-live="polite" data-testid="typing">
      {typingSentence(names)}
    </p>
  );
}
