import { describe, expect, it } from 'vitest';
import {
  buildAwarenessState, focusState, isTyping, parseAwarenessState, parseAwarenessStates, presenceStatus, stoppedTypingState, typingState,
  typingUsers, userColor, usersFocusing, TYPING_EXPIRY_MS, USER_COLORS,
} from '../src/index.ts';

const ana = buildAwarenessState({ user: { id: 'ana', name: 'Ana' }, page: 'acme:channel:general', now: 1000 });

describe('awareness', () => {
  it('builds a state with a stable color per user', () => {
    expect(ana).toEqual({ user: { id: 'ana', name: 'Ana', color: userColor('ana') }, status: 'online', page: 'acme:channel:general', typing: false, lastActive: 1000 });
    expect(userColor('ana')).toBe(userColor('ana'));
  });

  it('gives colours the editor can draw carets with (#rrggbb), different for different people', () => {
    const ids = ['ana', 'bo', 'cy', 'ana-lima', 'bo-chen', 'a'.repeat(200), ''];
    for (const id of ids) expect(userColor(id)).toMatch(/^#[0-9a-f]{6}$/);
    expect(userColor('ana')).not.toBe(userColor('bo'));
    expect(new Set(Array.from({ length: 400 }, (_, i) => userColor(`user-${i}`))).size).toBe(USER_COLORS.length);
  });

  it('replaces a colour the caret could not draw with the user’s own', () => {
    const parsed = parseAwarenessState({ user: { id: 'bo', name: 'Bo', color: 'hsl(120, 70%, 45%)' } });
    expect(parsed?.user.color).toBe(userColor('bo'));
    expect(parseAwarenessState({ user: { id: 'bo', name: 'Bo', color: '#123abc' } })?.user.color).toBe('#123abc');
  });

  it('keeps white label text readable on every user colour', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const color of USER_COLORS) expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
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
