import * as Y from 'yjs';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

/** Someone in the workspace's `people` directory (docs/PROTOCOL.md), whom pickers offer. */
export interface PersonEntry {
  id: string;
  name: string;
  avatar?: string;
  role: string;
  joinedAt: number;
  lastSeenAt: number;
}

// Interim reader of the server-written `people` root until shared's listPeople lands.
function readPeople(doc: Y.Doc): PersonEntry[] {
  const people: PersonEntry[] = [];
  for (const [id, entry] of doc.getMap('people')) {
    if (!(entry instanceof Y.Map)) continue;
    const name = entry.get('name');
    if (typeof name !== 'string') continue;
    const avatar = entry.get('avatar');
    people.push({ id, name, role: String(entry.get('role') ?? ''), joinedAt: Number(entry.get('joinedAt') ?? 0), lastSeenAt: Number(entry.get('lastSeenAt') ?? 0), ...(typeof avatar === 'string' ? { avatar } : {}) });
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

/** Everyone who has ever connected to the workspace, by name; kept current as people arrive. */
export function usePeople(workspace: DocumentState): PersonEntry[] {
  return useObserved(workspace.doc, readPeople);
}
