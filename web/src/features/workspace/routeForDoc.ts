import { parseDocName } from '@concord/shared';
import type { Route } from '../../app/route.ts';

/** Where in the app a document lives, for links from the inbox and the activity feed. */
export function routeForDoc(name: string): Route | null {
  const parsed = parseDocName(name);
  if (!parsed.ok) return null;
  const { kind, id } = parsed.name;
  switch (kind) {
    case 'channel':
      return { screen: 'channel', id };
    case 'meeting':
      return { screen: 'meeting', id };
    case 'form':
      return { screen: 'form', id };
    case 'notes':
      return { screen: 'notes', id };
    case 'inbox':
      return { screen: 'inbox' };
    case 'workspace':
      return { screen: 'activity' };
  }
}
