import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal built on <dialog>: focus is trapped, Escape closes it, the page behind is inert. It opens
 * on its first field (or button) rather than on the close button, which comes first in its markup.
 */
export function Dialog({ title, open, onClose, children, wide }: { title: string; open: boolean; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      firstControl(dialog)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} onClose={onClose} aria-labelledby="dialog-title">
      {open && (
        <>
          <div className="dialog-header">
            <h2 id="dialog-title">{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}

const CONTROLS = 'input:not([type="hidden"]), select, textarea, button, [href], [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** The first enabled control below the header; none leaves the browser's choice (the close button). */
function firstControl(dialog: HTMLDialogElement): HTMLElement | undefined {
  return [...dialog.querySelectorAll<HTMLElement>(CONTROLS)].find(
    (element) => !element.closest('.dialog-header') && !element.matches(':disabled'),
  );
}
