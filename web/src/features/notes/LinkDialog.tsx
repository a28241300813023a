import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Dialog } from '../../app/Dialog.tsx';

const ALLOWED_PROTOCOLS = ['http:', 'https:', 'mailto:'];

type Apply = (href: string | null) => void;

/** Asks for a link's address; `onApply(null)` removes the link. */
export function LinkDialog({ current, onApply, onClose }: { current: { href: string } | null; onApply: Apply; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const open = current !== null;
  // A parent's effect runs after the dialog's own, which opens it: so the field, not ×, gets the focus.
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  return (
    <Dialog title="Link" open={open} onClose={onClose}>
      {current && <LinkForm initial={current.href} input={input} onApply={onApply} />}
    </Dialog>
  );
}

function LinkForm({ initial, input, onApply }: { initial: string; input: RefObject<HTMLInputElement | null>; onApply: Apply }) {
  const [address, setAddress] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!address.trim()) return onApply(null);
    const href = normalizeHref(address);
    if (href === null) return setError('Use a web address (https://…) or an email address (mailto:…).');
    onApply(href);
  }

  return (
    <form className="stack" onSubmit={submit}>
      <label>
        Link address
        <input ref={input} value={address} onChange={(e) => setAddress(e.target.value)} placeholder="https://example.com" aria-invalid={error !== null} aria-describedby={error ? 'link-error' : undefined} />
      </label>
      {error && (
        <p id="link-error" className="callout callout-error small" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        {initial && (
          <button type="button" className="button" onClick={() => onApply(null)}>
            Remove link
          </button>
        )}
        <button type="submit" className="button primary">
          Apply
        </button>
      </div>
    </form>
  );
}

/**
 * An address without a scheme gets `https://`; schemes other than http(s) and mailto
 * (`javascript:` and the like) are refused before they reach the page. Null when refused.
 */
export function normalizeHref(raw: string): string | null {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return ALLOWED_PROTOCOLS.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
