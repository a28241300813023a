import { describe, expect, it } from 'vitest';
import {
  buildAwarenessState, focusState, isTyping, parseAwarenessState, parseAwarenessStates, presenceStatus, stoppedTypingState, typingState,
  typingUsers, userColor, usersFocusing, TYPING_EXPIRY_MS,
} from '../src/index.ts';

const ana = buildAwarenessState({ user: { id: 'ana', name: 'Ana' }, page: 'acme:channel:general', now: 1000 });

describe('awareness', () => {
  it('builds a state with a stable color per user', () => {
    expect(ana).toEqual({ user: { id: 'ana', name: 'Ana', color: userColor('ana') }, status: 'online', page: 'acme:channel:general', typing: false, lastActive: 1000 });
    expect(userColor('ana')).toBe(userColor('ana'));
  });

  it('lets typing expire so a closed tab or an idle user leaves no typing behind', () => {
    const typing = { ...ana, ...typingState(2000) };
    expect(isTyping(typing, 2000)).toBe(true);
    expect(isTyping(typing, 2000 + TYPING_EXPIRY_MS)).toBe(true);
    expect(isTyping(typing, 2001 + TYPING_EXPIRY_MS)).toBe(false);
    expect(isTyping({ ...typing, ...stoppedTypingState() }, 2000)).toBe(false);
    expect(isTyping({ ...ana, typing: true }, 2000)).toBe(false);
    const bo = { ...buildAwarenessState({ user: { id: 'bo', name: 'Bo' }, page: 'acme:channel:random', now: 0 }), ...typingState(2000) };
    expect(typingUsers([typing, bo], 2500).map((u) => u.id)).toEqual(['ana', 'bo']);
    expect(typingUsers([typing, bo], 2500, 'acme:channel:general').map((u) => u.id)).toEqual(['ana']);
    expect(typingUsers([typing, bo], 99_999)).toEqual([]);
  });

  it('shows who focuses a form field', () => {
    const focused = { ...ana, ...focusState('amount', 3000) };
    expect(usersFocusing([focused, ana], 'amount').map((u) => u.id)).toEqual(['ana']);
  });

  it('reads remote states defensively and skips its own', () => {
    expect(parseAwarenessState(null)).toBeUndefined();
    expect(parseAwarenessState({ user: { id: 1 } })).toBeUndefined();
    expect(parseAwarenessState({ user: { id: 'x', name: 'X' }, status: 'dancing', typing: 'yes' })).toEqual({
      user: { id: 'x', name: 'X', color: userColor('x') }, status: 'online', lastActive: 0,
    });
    const states = new Map<number, unknown>([[1, ana], [2, { ...ana, user: { ...ana.user, id: 'bo' } }], [3, {}]]);
    expect(parseAwarenessStates(states, 1).map((s) => s.user.id)).toEqual(['bo']);
  });

  it('reads an idle online user as away', () => {
    expect(presenceStatus(ana, 1000 + 10 * 60_000)).toBe('away');
    expect(presenceStatus({ ...ana, status: 'busy' }, 1000 + 10 * 60_000)).toBe('busy');
    expect(presenceStatus(ana, 2000)).toBe('online');
  });
});
