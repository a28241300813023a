import { useEffect, useLayoutEffect, useRef } from 'react';
import { scrollParent } from './scrollParent.ts';
import type { Archive } from './useArchive.ts';

/**
 * The top of the message list: loads older history when it scrolls into view or when its button is
 * pressed, and keeps the message the reader was looking at in place as history appears above it.
 */
export function OlderMessages({ archive, place }: { archive: Archive; place: string }) {
  const item = useRef<HTMLLIElement>(null);
  const anchor = useRef<{ element: Element; top: number } | null>(null);
  const { hasOlder, loading, loadOlder, messages } = archive;

  function load() {
    if (loading) return;
    const first = item.current?.nextElementSibling;
    anchor.current = first ? { element: first, top: first.getBoundingClientRect().top } : null;
    loadOlder();
  }

  useLayoutEffect(() => {
    const kept = anchor.current;
    if (!kept || !kept.element.isConnected) return;
    anchor.current = null;
    const moved = kept.element.getBoundingClientRect().top - kept.top;
    if (moved !== 0) scrollParent(kept.element).scrollBy({ top: moved });
  }, [messages.length]);

  // Reaching the top loads a page; the next page waits until the top is left and reached again.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const element = item.current;
    if (!element || !hasOlder) return;
    const observer = new IntersectionObserver(([entry]) => entry?.isIntersecting && loadRef.current());
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasOlder]);

  if (!hasOlder && !archive.reachedStart && !archive.error) return null;
  return (
    <li className="older-messages" ref={item}>
      {hasOlder ? (
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus while loading.
        <button type="button" className="button small" onClick={load} aria-disabled={loading} aria-busy={loading}>
          {loading ? 'Loading older messages…' : 'Load older messages'}
        </button>
      ) : (
        archive.reachedStart && <span className="muted small">This is the very beginning of {place}.</span>
      )}
      {archive.error && (
        <span className="callout callout-error small" role="alert">
          Older messages could not be loaded: {archive.error}
        </span>
      )}
    </li>
  );
}
