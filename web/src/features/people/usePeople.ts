import { listPeople, type Person } from '@concord/shared';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

/** Everyone who has ever connected to the workspace (its `people` directory), by name; kept current. */
export function usePeople(workspace: DocumentState): Person[] {
  return useObserved(workspace.doc, listPeople);
}
