import { stoppedTypingState, typingState, TYPING_EXPIRY_MS } from '@concord/shared';
import { useCallback, useEffect, useRef } from 'react';
import type { DocumentState } from '../../collab/documentRegistry.ts';

/** How long after the last keystroke "is typing…" stops by itself. */
const TYPING_IDLE_MS = 3000;
/** Keystrokes refresh `typingAt` at most this often, well inside the readers' expiry. */
const REFRESH_EVERY_MS = TYPING_EXPIRY_MS / 3;

/** Announces typing on this document's awareness; it stops on send, blur, idle or unmount. */
export function useTyping(document: DocumentState): { typed(): void; stopped(): void } {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announcedAt = useRef(0);
  const awareness = document.provider.awareness;

  const stopped = useCallback(() => {
    clearTimeout(timer.current);
    announcedAt.current = 0;
    const local = awareness?.getLocalState();
    if (local?.typing) awareness?.setLocalState({ ...local, ...stoppedTypingState() });
  }, [awareness]);

  const typed = useCallback(() => {
    clearTimeout(timer.current);
    const now = Date.now();
    if (now - announcedAt.current > REFRESH_EVERY_MS) {
      announcedAt.current = now;
      awareness?.setLocalState({ ...awareness.getLocalState(), ...typingState(now) });
    }
    timer.current = setTimeout(stopped, TYPING_IDLE_MS);
  }, [awareness, stopped]);

  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}
