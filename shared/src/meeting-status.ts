/**
 * Meeting status and its allowed moves (docs/PROTOCOL.md, "Schemas"): scheduled→active,
 * scheduled→ended (cancelled), active↔paused, active→ended, paused→ended. Shared by the meeting
 * document and the workspace entry.
 */
export const MEETING_STATUSES = ['scheduled', 'active', 'paused', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const MOVES: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  scheduled: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export function isMeetingStatus(value: unknown): value is MeetingStatus {
  return typeof value === 'string' && (MEETING_STATUSES as readonly string[]).includes(value);
}

/** The statuses a meeting in `status` may move to (what the UI offers). */
export function allowedStatusMoves(status: MeetingStatus): readonly MeetingStatus[] {
  return MOVES[status];
}

export function canMoveStatus(from: MeetingStatus, to: MeetingStatus): boolean {
  return MOVES[from].includes(to);
}
