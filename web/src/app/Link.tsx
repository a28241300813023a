import type { ReactNode } from 'react';
import { navigate, pathFor, type Route } from './route.ts';

/**
 * An anchor that routes inside the app (so middle-click and "copy link" still work). `onFollow` runs
 * when it is clicked, whether it opens here or in a new tab.
 */
export function Link({ to, children, className, ariaCurrent, ariaLabel, onFollow }: {
  to: Route; children: ReactNode; className?: string; ariaCurrent?: boolean; ariaLabel?: string; onFollow?: () => void;
}) {
  return (
    <a
      href={pathFor(to)}
      className={className}
      aria-current={ariaCurrent ? 'page' : undefined}
      aria-label={ariaLabel}
      title={ariaLabel}
      onClick={(event) => {
        onFollow?.();
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
