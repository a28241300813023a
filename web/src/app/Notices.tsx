import { useEffect, useRef, useState } from 'react';
import { dismissNotice, useNotices, type Notice } from './notices.ts';

export function Notices() {
  const notices = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </div>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const { id, text, tone, action, dismissAfterMs, takeFocus } = notice;
  // Time runs out only while nobody is looking at it or about to press it.
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const actionButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) actionButton.current?.focus();
  }, [takeFocus]);
  useEffect(() => {
    if (dismissAfterMs === undefined || held.pointer || held.focus) return;
    const timer = setTimeout(() => dismissNotice(id), dismissAfterMs);
    return () => clearTimeout(timer);
  }, [id, dismissAfterMs, held.pointer, held.focus]);

  return (
    <div
      className={`notice notice-${tone}`}
      onPointerEnter={() => setHeld((h) => ({ ...h, pointer: true }))}
      onPointerLeave={() => setHeld((h) => ({ ...h, pointer: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setHeld((h) => ({ ...h, focus: false }))}
      onKeyDown={(event) => event.key === 'Escape' && dismissNotice(id)}
    >
      <span className="grow">{text}</span>
      {action && (
        <button
          ref={actionButton}
          type="button"
          className="notice-action"
          onClick={() => {
            dismissNotice(id);
            action.run();
          }}
        >
          {action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissNotice(id)}>
        ×
      </button>
    </div>
  );
}
