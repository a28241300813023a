/**
 * Client routes. Real paths (not `#…`), because the server answers every unknown GET with
 * index.html and the URL fragment is where a host application hands in a token.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'home' }
  | { screen: 'channel'; id: string }
  | { screen: 'meeting'; id: string }
  | { screen: 'form'; id: string }
  | { screen: 'notes'; id: string }
  | { screen: 'inbox' }
  | { screen: 'activity' }
  | { screen: 'people' }
  | { screen: 'recordTypes' }
  | { screen: 'records'; type: string; view: 'table' | 'board' };

const SCREENS_WITH_ID = { channels: 'channel', meetings: 'meeting', forms: 'form', notes: 'notes' } as const;

export function parseRoute(pathname: string): Route {
  const [first, second, third] = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (first === 'inbox') return { screen: 'inbox' };
  if (first === 'activity') return { screen: 'activity' };
  if (first === 'people') return { screen: 'people' };
  if (first === 'record-types') return { screen: 'recordTypes' };
  if (first === 'records' && second) return { screen: 'records', type: second, view: third === 'board' ? 'board' : 'table' };
  if (first && second && first in SCREENS_WITH_ID) {
    return { screen: SCREENS_WITH_ID[first as keyof typeof SCREENS_WITH_ID], id: second };
  }
  return { screen: 'home' };
}

export function pathFor(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '/';
    case 'inbox':
    case 'activity':
    case 'people':
      return `/${route.screen}`;
    case 'recordTypes':
      return '/record-types';
    case 'channel':
      return `/channels/${encodeURIComponent(route.id)}`;
    case 'meeting':
      return `/meetings/${encodeURIComponent(route.id)}`;
    case 'form':
      return `/forms/${encodeURIComponent(route.id)}`;
    case 'notes':
      return `/notes/${encodeURIComponent(route.id)}`;
    case 'records':
      return `/records/${encodeURIComponent(route.type)}${route.view === 'board' ? '/board' : ''}`;
  }
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const path = pathFor(route);
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
