/**
 * Per-connection awareness state (docs/PROTOCOL.md, "Awareness"): who is here, what they look at,
 * whether they type, which form field they focus. Typing carries `typingAt`: readers ignore typing
 * older than TYPING_EXPIRY_MS, so a closed tab or a user who stopped never leaves "typing…" behind.
 */
import { isPlainObject } from './values.ts';

export const PRESENCE_STATUSES = ['online', 'away', 'busy'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** Typing older than this is stale. Clients refresh typingAt while keys are pressed. */
export const TYPING_EXPIRY_MS = 5_000;
/** A state whose lastActive is older than this reads as away. */
export const AWAY_AFTER_MS = 5 * 60_000;

export interface AwarenessUser {
  id: string;
  name: string;
  color: string;
  avatar?: string;
}

export interface AwarenessState {
  user: AwarenessUser;
  status: PresenceStatus;
  page?: string;
  typing?: boolean;
  typingAt?: number;
  /** A form field name, or an editor selection encoded by the editor. */
  focus?: string;
  lastActive: number;
}

export interface BuildAwarenessInput {
  user: { id: string; name: string; color?: string; avatar?: string };
  status?: PresenceStatus;
  page?: string;
  focus?: string;
  now: number;
}

export function buildAwarenessState(input: BuildAwarenessInput): AwarenessState {
  const user: AwarenessUser = { id: input.user.id, name: input.user.name, color: input.user.color ?? userColor(input.user.id) };
  if (input.user.avatar !== undefined) user.avatar = input.user.avatar;
  const state: AwarenessState = { user, status: input.status ?? 'online', typing: false, lastActive: input.now };
  if (input.page !== undefined) state.page = input.page;
  if (input.focus !== undefined) state.focus = input.focus;
  return state;
}

/** The fields to merge into the local state when a key is pressed. */
export function typingState(now: number): Pick<AwarenessState, 'typing' | 'typingAt' | 'lastActive'> {
  return { typing: true, typingAt: now, lastActive: now };
}

export function stoppedTypingState(): Pick<AwarenessState, 'typing'> {
  return { typing: false };
}

export function focusState(fieldName: string | undefined, now: number): Pick<AwarenessState, 'focus' | 'lastActive'> {
  return { focus: fieldName, lastActive: now };
}

export function isTyping(state: AwarenessState, now: number, expiryMs: number = TYPING_EXPIRY_MS): boolean {
  return state.typing === true && typeof state.typingAt === 'number' && now - state.typingAt <= expiryMs && now - state.typingAt >= -expiryMs;
}

/** The shown status: `away` when idle for long, whatever the state says. */
export function presenceStatus(state: AwarenessState, now: number, awayAfterMs: number = AWAY_AFTER_MS): PresenceStatus {
  return now - state.lastActive > awayAfterMs && state.status === 'online' ? 'away' : state.status;
}

/** Reads a remote state defensively: anything malformed reads as undefined. */
export function parseAwarenessState(raw: unknown): AwarenessState | undefined {
  if (!isPlainObject(raw) || !isPlainObject(raw.user)) return undefined;
  const { user } = raw;
  if (typeof user.id !== 'string' || typeof user.name !== 'string') return undefined;
  const parsedUser: AwarenessUser = { id: user.id, name: user.name, color: typeof user.color === 'string' && HEX_COLOR.test(user.color) ? user.color : userColor(user.id) };
  if (typeof user.avatar === 'string') parsedUser.avatar = user.avatar;
  const status = (PRESENCE_STATUSES as readonly unknown[]).includes(raw.status) ? (raw.status as PresenceStatus) : 'online';
  const state: AwarenessState = {
    user: parsedUser,
    status,
    lastActive: typeof raw.lastActive === 'number' && Number.isFinite(raw.lastActive) ? raw.lastActive : 0,
  };
  if (typeof raw.page === 'string') state.page = raw.page;
  if (typeof raw.typing === 'boolean') state.typing = raw.typing;
  if (typeof raw.typingAt === 'number' && Number.isFinite(raw.typingAt)) state.typingAt = raw.typingAt;
  if (typeof raw.focus === 'string') state.focus = raw.focus;
  return state;
}

/** Parsed states of a y-protocols Awareness (`awareness.getStates()`), minus `selfClientId`. */
export function parseAwarenessStates(states: ReadonlyMap<number, unknown>, selfClientId?: number): AwarenessState[] {
  const out: AwarenessState[] = [];
  for (const [clientId, raw] of states) {
    if (clientId === selfClientId) continue;
    const state = parseAwarenessState(raw);
    if (state) out.push(state);
  }
  return out;
}

/** Users typing now on `page` (or anywhere), one entry per user, sorted by name. */
export function typingUsers(states: readonly AwarenessState[], now: number, page?: string, expiryMs: number = TYPING_EXPIRY_MS): AwarenessUser[] {
  return uniqueUsers(states.filter((state) => isTyping(state, now, expiryMs) && (page === undefined || state.page === page)));
}

/** Users whose focus is `fieldName`, sorted by name. */
export function usersFocusing(states: readonly AwarenessState[], fieldName: string): AwarenessUser[] {
  return uniqueUsers(states.filter((state) => state.focus === fieldName));
}

/**
 * The colours users are told apart by: `#rrggbb`, the only format the editor's caret extension
 * draws (any other renders a transparent caret), each dark enough for white label text (≥ 4.5:1).
 */
export const USER_COLORS = [
  '#b91c1c', '#c2410c', '#b45309', '#4d7c0f', '#15803d', '#047857', '#0f766e', '#0e7490',
  '#0369a1', '#1d4ed8', '#4338ca', '#6d28d9', '#7e22ce', '#a21caf', '#be185d', '#9f1239',
] as const;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** A stable colour per user id (one of USER_COLORS, from a hash), for carets and avatars. */
export function userColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length]!;
}

function uniqueUsers(states: readonly AwarenessState[]): AwarenessUser[] {
  const byId = new Map<string, AwarenessUser>();
  for (const state of states) byId.set(state.user.id, state.user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
