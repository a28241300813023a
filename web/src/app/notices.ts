/**
 * Short messages for the user (refusals, sign-in problems, "Message deleted · Undo"), shown in one
 * live region. A notice may offer one action and go away by itself after a while.
 */
import { useSyncExternalStore } from 'react';

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'warning' | 'error';
  action?: NoticeAction;
  /** Dismissed after this long, unless the pointer or the focus rests on it. */
  dismissAfterMs?: number;
  /** The action takes the focus when shown: the control a keyboard user just pressed went away. */
  takeFocus?: boolean;
}

export type NoticeOptions = Pick<Notice, 'action' | 'dismissAfterMs' | 'takeFocus'>;

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function pushNotice(text: string, tone: Notice['tone'] = 'info', options: NoticeOptions = {}): number {
  // The same warning twice says nothing new; an offer to undo belongs to its own deed.
  const same = notices.find((notice) => notice.text === text && !notice.action && !options.action);
  if (same) return same.id;
  const notice: Notice = { id: nextId++, text, tone, ...options };
  notices = [...notices.slice(-4), notice];
  emit();
  return notice.id;
}

export function dismissNotice(id: number): void {
  notices = notices.filter((notice) => notice.id !== id);
  emit();
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
  );
}
