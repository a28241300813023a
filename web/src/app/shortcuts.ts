/**
 * The app's keyboard shortcuts, as data: the help dialog lists them and `useShortcuts` acts on them.
 * The keys follow what chat apps have taught people (Slack, Teams, GitHub): `/` to write, Alt+↑/↓
 * between channels, `?` for help, Escape to close.
 */
export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Ctrl', 'K'], does: 'Search messages, notes, meetings and records' },
  { keys: ['/'], does: 'Focus the message box' },
  { keys: ['Alt', '↑'], does: 'Previous channel' },
  { keys: ['Alt', '↓'], does: 'Next channel' },
  { keys: ['Esc'], does: 'Close a dialog or menu, cancel a reply or an edit' },
  { keys: ['Enter'], does: 'Send the message (Shift+Enter for a new line)' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

/** Where a key press is text being written: single-key shortcuts must leave it alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}
