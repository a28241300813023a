import type { DocKind } from '@concord/shared';
import * as Y from 'yjs';

/** Until every kind has its view in shared/, the roots as plain JSON (keyed roots as maps). */
export function documentView(_kind: DocKind, doc: Y.Doc): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [root, type] of doc.share) {
    view[root] = type._map.size > 0 ? doc.getMap(root).toJSON() : doc.getArray(root).toJSON();
  }
  return view;
}
