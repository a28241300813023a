export const COMPOSER_INPUT_ID = 'composer-input';

/** Puts the focus in the open channel's message box; false when no channel is shown. */
export function focusComposer(): boolean {
  const input = document.getElementById(COMPOSER_INPUT_ID);
  if (!(input instanceof HTMLTextAreaElement)) return false;
  input.focus();
  return true;
}
