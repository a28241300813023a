/** Short messages for the user (refusals, sign-in problems), shown in one live region. */
import { useSyncExternalStore } from 'react';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'warning' | 'error';
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function pushNotice(text: string, tone: Notice['tone'] = 'info'): void {
  if (notices.some((notice) => notice.text === text)) return;
  notices = [...notices.slice(-4), { id: nextId++, text, tone }];
  emit();
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
