/**
 * Where a change is: the path of each container from the document's root (update-changes.ts).
 * Each container's path is built once, from its nearest known ancestor down, without recursion,
 * and never has more than MAX_NESTING_DEPTH segments: a deeper container throws TooDeep, so
 * locating the changes of any update stays linear in its size (issue 10).
 */
import { MAX_NESTING_DEPTH } from '@concord/shared';
import * as Y from 'yjs';
import type { AnyType } from './update-content.ts';

/** Path from the root: map keys, and `#` for a position in a sequence (array, text, xml). */
export type Path = readonly string[];
export const SEQUENCE = '#';
const DETACHED = '(detached)';

/** A root type by name, a type of the live document, or a type this update creates (its item). */
export type ContainerRef = { kind: 'root'; name: string } | { kind: 'live'; type: AnyType } | { kind: 'new'; item: Y.Item };
export type Location = { container: ContainerRef; key: string | null } | 'detached';

export class TooDeep extends Error {
  constructor() {
    super(`nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }
}

export interface ContainerPaths {
  /** The path of a container. */
  containerPath(ref: ContainerRef): Path;
  /** The path of a change in a container: its key, or a sequence position (one array per container). */
  changePath(ref: ContainerRef, key: string | null): Path;
}

/** The paths of one update's containers; `locate` gives the location of an item of the update. */
export function createContainerPaths(locate: (item: Y.Item) => Location): ContainerPaths {
  const rootPaths = new Map<string, Path>();
  const newPaths = new Map<Y.Item, Path>();
  const livePaths = new Map<AnyType, Path>();
  const sequencePaths = new Map<string | AnyType | Y.Item, Path>();

  function containerPath(ref: ContainerRef): Path {
    if (ref.kind === 'live') return livePath(ref.type);
    if (ref.kind === 'new') return newPath(ref.item);
    let path = rootPaths.get(ref.name);
    if (!path) rootPaths.set(ref.name, (path = [ref.name]));
    return path;
  }

  function changePath(ref: ContainerRef, key: string | null): Path {
    if (key !== null) return [...containerPath(ref), key];
    const target = ref.kind === 'root' ? ref.name : ref.kind === 'live' ? ref.type : ref.item;
    let path = sequencePaths.get(target);
    if (!path) sequencePaths.set(target, (path = [...containerPath(ref), SEQUENCE]));
    return path;
  }

  function newPath(start: Y.Item): Path {
    const chain: Y.Item[] = [];
    let item = start;
    let path = newPaths.get(item);
    while (path === undefined) {
      const location = locate(item);
      if (location === 'detached') {
        path = [DETACHED];
        newPaths.set(item, path);
        break;
      }
      chain.push(item);
      // Also ends a cycle of parents, which a crafted update can write.
      if (chain.length > MAX_NESTING_DEPTH) throw new TooDeep();
      if (location.container.kind !== 'new') {
        path = containerPath(location.container);
        break;
      }
      item = location.container.item;
      path = newPaths.get(item);
    }
    return extend(path, chain.reverse(), (container) => (locate(container) as Exclude<Location, 'detached'>).key, newPaths);
  }

  function livePath(type: AnyType): Path {
    const chain: AnyType[] = [];
    let current: AnyType | null = type;
    let path: Path | undefined;
    while (path === undefined) {
      if (current === null) {
        path = [DETACHED];
        break;
      }
      path = livePaths.get(current);
      if (path !== undefined) break;
      if (!current._item) {
        path = [Y.findRootTypeKey(current)];
        livePaths.set(current, path);
        break;
      }
      chain.push(current);
      // A document stored before the bound existed can be deeper: only its shallow part is writable.
      if (chain.length > MAX_NESTING_DEPTH) throw new TooDeep();
      current = current._item.parent as AnyType | null;
    }
    return extend(path, chain.reverse(), (container) => container._item!.parentSub, livePaths);
  }

  return { containerPath, changePath };
}

/** Appends each container's segment to its parent's path, top down, remembering every path. */
function extend<T>(base: Path, topDown: readonly T[], keyOf: (container: T) => string | null, memo: Map<T, Path>): Path {
  let path = base;
  for (const container of topDown) {
    path = [...path, keyOf(container) ?? SEQUENCE];
    if (path.length > MAX_NESTING_DEPTH) throw new TooDeep();
    memo.set(container, path);
  }
  return path;
}
