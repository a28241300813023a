import { createContext, useContext } from 'react';
import type { Collab } from './collab.ts';

export const CollabContext = createContext<Collab | null>(null);

export function useCollab(): Collab {
  const collab = useContext(CollabContext);
  if (!collab) throw new Error('useCollab needs a signed-in <CollabContext.Provider>');
  return collab;
}
