import { formatTime } from '../workspace/formatTime.ts';

const MINUTE = 60_000;

/** "last seen just now", "… 5 min ago", or the time (the directory moves `lastSeenAt` once a minute). */
export function lastSeenText(lastSeenAt: number, now = Date.now()): string {
  if (lastSeenAt <= 0) return 'never seen';
  const ago = now - lastSeenAt;
  if (ago < 2 * MINUTE) return 'last seen just now';
  if (ago < 60 * MINUTE) return `last seen ${Math.floor(ago / MINUTE)} min ago`;
  return `last seen ${formatTime(lastSeenAt, now)}`;
}
