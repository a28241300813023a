/**
 * What an incoming Yjs update would change, read from its structs before it is applied.
 *
 * Applying an update to a scratch copy of a large document costs a copy per update; instead each
 * inserted item is located (its parent type and map key) from the update itself or from the live
 * document, and each deletion is looked up in the live document.
 *
 * Parent information is only written for items with neither left nor right origin; the others
 * inherit parent and key from their origin, exactly as Yjs does when it integrates them.
 *
 * Cost: linear in the update whatever its shape, plus a binary search per reference into the live
 * document (issue 10, docs/BENCHMARKS.md "Worst update shapes"). Every item is located once and
 * every container's path built once from its parent's, without recursion; paths have at most
 * MAX_NESTING_DEPTH + 1 segments because deeper nesting is refused here (README "Refusals").
 */
import { MAX_NESTING_DEPTH, nestsDeeperThan } from '@concord/shared';
import * as Y from 'yjs';
import { describeContent, liveMapValue, plainValuesOf, valueOf, type AnyType } from './update-content.ts';
import { deleteRanges, findInIndex, indexByClient, type StructIndex } from './update-index.ts';
import { TooDeep, createContainerPaths, type ContainerRef, type Location, type Path } from './update-paths.ts';

export { SEQUENCE, type Path } from './update-paths.ts';

export type TypeKind = 'map' | 'array' | 'text' | 'xml-fragment' | 'xml-element' | 'xml-text' | 'xml-hook';

export type InsertedContent =
  | { kind: 'value'; values: unknown[] }
  | { kind: 'type'; type: TypeKind }
  | { kind: 'string'; length: number }
  | { kind: 'format'; key: string }
  | { kind: 'deleted' }
  | { kind: 'unsupported'; name: string };

/** Read access to a map-like container, whether it is live or created by this update. */
export interface Container {
  isNew: boolean;
  /**
   * For a container this update creates: the id of its item, which finds it in the document once
   * the update is applied (`Y.getItem`) without searching its parent.
   */
  id?: Y.ID;
  get(key: string): unknown;
}

export interface InsertChange {
  op: 'insert';
  path: Path;
  /** Map key, or null for a sequence position. */
  key: string | null;
  content: InsertedContent;
  container: Container;
  /** For a map key already set in the live document. */
  replaces: boolean;
}

export interface DeleteChange {
  op: 'delete';
  path: Path;
  key: string | null;
  container: Container;
  /** The deleted value when it was a plain value. */
  value: unknown;
}

export type Change = InsertChange | DeleteChange;

/**
 * `missing` marks an update that depends on content the server does not have yet: it arrived
 * before what it builds on (an edit made right after reconnecting can overtake the client's sync
 * step 2). Yjs would park it; the guards cannot check it, so it is refused as retryable.
 */
export type DescribeResult = { ok: true; changes: Change[] } | { ok: false; reason: string; missing: boolean };

class Unresolvable extends Error {
  constructor(message: string, readonly missing = false) {
    super(message);
  }
}

export function describeUpdate(doc: Y.Doc, update: Uint8Array): DescribeResult {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'the update could not be decoded', missing: false };
  }
  try {
    return { ok: true, changes: new UpdateReader(doc, decoded.structs, decoded.ds).changes() };
  } catch (error) {
    if (error instanceof Unresolvable) return { ok: false, reason: error.message, missing: error.missing };
    if (error instanceof TooDeep) return { ok: false, reason: error.message, missing: false };
    return { ok: false, reason: 'the update is malformed', missing: false };
  }
}

class UpdateReader {
  private readonly items: StructIndex<Y.Item>;
  /** Garbage-collected ranges the update carries (deleted content, sent without its items). */
  private readonly collected: StructIndex<Y.GC>;
  private readonly locations = new Map<Y.Item, Location>();
  private readonly paths = createContainerPaths((item) => this.locations.get(item) ?? this.locate(item));
  private readonly newMapValues = new Map<Y.Item, Map<string, unknown>>();
  private readonly containers = new Map<Y.Item | AnyType | string, Container>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Array<Y.Item | Y.GC | object>,
    private readonly ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  ) {
    this.items = indexByClient(structs.filter((s): s is Y.Item => s instanceof Y.Item));
    this.collected = indexByClient(structs.filter((s): s is Y.GC => s instanceof Y.GC));
  }

  changes(): Change[] {
    // Items the server already has change nothing: a reconnecting provider resends its queued
    // updates and its sync step 2, so the same items often arrive twice.
    const items = this.structs.filter((s): s is Y.Item => s instanceof Y.Item && s.id.clock + s.length > Y.getState(this.doc.store, s.id.client));
    for (const item of items) this.locate(item);
    for (const item of items) {
      const location = this.locations.get(item)!;
      if (location === 'detached' || location.key === null || location.container.kind !== 'new') continue;
      const values = this.newMapValues.get(location.container.item) ?? new Map<string, unknown>();
      values.set(location.key, valueOf(item.content));
      this.newMapValues.set(location.container.item, values);
    }
    const changes: Change[] = [];
    for (const item of items) {
      const location = this.locations.get(item)!;
      if (location === 'detached') continue;
      const container = this.container(location.container);
      if (item.content instanceof Y.ContentType && this.paths.containerPath(location.container).length >= MAX_NESTING_DEPTH) throw new TooDeep();
      if (plainValuesOf(item.content).some((value) => nestsDeeperThan(value, MAX_NESTING_DEPTH))) {
        throw new Unresolvable(`a value nested deeper than ${MAX_NESTING_DEPTH} levels`);
      }
      changes.push({
        op: 'insert',
        path: this.paths.changePath(location.container, location.key),
        key: location.key,
        content: describeContent(item.content),
        container,
        replaces: location.key !== null && this.liveKeyIsSet(location.container, location.key),
      });
    }
    // Setting a map key deletes the value it replaces; that delete belongs to the (checked) insert.
    const replacedKeys = new Map<AnyType, Set<string>>();
    for (const item of items) {
      const location = this.locations.get(item)!;
      if (location === 'detached' || location.key === null || location.container.kind === 'new') continue;
      const type = location.container.kind === 'live' ? location.container.type : this.doc.share.get(location.container.name);
      if (!type) continue;
      const keys = replacedKeys.get(type) ?? new Set<string>();
      keys.add(location.key);
      replacedKeys.set(type, keys);
    }
    // Not push(...): a deletion can name more items than a call may take arguments.
    for (const change of this.deletions(replacedKeys)) changes.push(change);
    return changes;
  }

  private liveKeyIsSet(ref: ContainerRef, key: string): boolean {
    const type = ref.kind === 'live' ? ref.type : ref.kind === 'root' ? this.doc.share.get(ref.name) : undefined;
    const item = type?._map.get(key);
    return item !== undefined && !item.deleted;
  }

  private inUpdate(id: Y.ID): Y.Item | undefined {
    return findInIndex(this.items, id);
  }

  private collectedInUpdate(id: Y.ID): Y.GC | undefined {
    return findInIndex(this.collected, id);
  }

  private live(id: Y.ID): Y.Item | Y.GC | undefined {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return undefined;
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
  }

  /** Locates every item on the chain of origins iteratively: typed text makes long chains. */
  private locate(start: Y.Item): Location {
    const chain: Y.Item[] = [];
    let current: Y.Item = start;
    let resolved: Location | undefined;
    for (;;) {
      const known = this.locations.get(current);
      if (known) {
        resolved = known;
        break;
      }
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string') {
        resolved = { container: { kind: 'root', name: parent }, key: current.parentSub };
        chain.pop();
        this.locations.set(current, resolved);
        break;
      }
      if (parent instanceof Y.ID) {
        resolved = this.parentById(parent, current.parentSub);
        chain.pop();
        this.locations.set(current, resolved);
        break;
      }
      const originId = current.origin ?? current.rightOrigin;
      if (!originId) throw new Unresolvable('an item has neither a parent nor an origin');
      const fromUpdate = this.inUpdate(originId);
      if (fromUpdate) {
        if (fromUpdate === current) throw new Unresolvable('an item is its own origin');
        current = fromUpdate;
        continue;
      }
      const origin = this.live(originId);
      if (!origin && this.collectedInUpdate(originId)) {
        resolved = 'detached';
        break;
      }
      if (!origin) throw new Unresolvable('an item refers to content the server does not have', true);
      resolved = origin instanceof Y.Item && origin.parent ? { container: { kind: 'live', type: origin.parent as AnyType }, key: origin.parentSub } : 'detached';
      break;
    }
    // Items inherit the location of the origin they were found through.
    for (const item of chain) this.locations.set(item, resolved);
    return this.locations.get(start)!;
  }

  private parentById(id: Y.ID, key: string | null): Location {
    const fromUpdate = this.inUpdate(id);
    if (fromUpdate) {
      if (!(fromUpdate.content instanceof Y.ContentType)) throw new Unresolvable('an item has a parent that is not a type');
      return { container: { kind: 'new', item: fromUpdate }, key };
    }
    const parent = this.live(id);
    if (!parent && this.collectedInUpdate(id)) return 'detached';
    if (!parent) throw new Unresolvable('an item refers to a parent the server does not have', true);
    if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return 'detached';
    return { container: { kind: 'live', type: parent.content.type as AnyType }, key };
  }

  /** One Container per container, shared by its changes (an update can hold a million). */
  private container(ref: ContainerRef): Container {
    const target = ref.kind === 'new' ? ref.item : ref.kind === 'live' ? ref.type : ref.name;
    let container = this.containers.get(target);
    if (!container) {
      // Methods, not arrow properties: the server runs under tsx, which names every arrow
      // property with a defineProperty call, a cost per container that showed in profiles.
      if (ref.kind === 'new') {
        const values = this.newMapValues.get(ref.item);
        container = { isNew: true, id: ref.item.id, get(key) { return values?.get(key); } };
      } else {
        const type = ref.kind === 'root' ? this.doc.share.get(ref.name) : ref.type;
        container = { isNew: false, get(key) { return type ? liveMapValue(type, key) : undefined; } };
      }
      this.containers.set(target, container);
    }
    return container;
  }

  private deletions(replacedKeys: ReadonlyMap<AnyType, ReadonlySet<string>>): DeleteChange[] {
    const changes: DeleteChange[] = [];
    const clients = deleteRanges(this.ds);
    if (!clients) throw new Unresolvable('the update deletes the same content more than once');
    for (const [client, ranges] of clients) {
      const known = Y.getState(this.doc.store, client);
      for (const range of ranges) {
        const end = range.clock + range.len;
        if (end > known) {
          // Deleting what the server has not seen is only fine for this update's own items.
          for (let clock = Math.max(range.clock, known); clock < end; ) {
            const id = Y.createID(client, clock);
            const own = this.inUpdate(id) ?? this.collectedInUpdate(id);
            if (!own) throw new Unresolvable('the update deletes content the server does not have', true);
            clock = own.id.clock + own.length;
          }
        }
        if (range.clock >= known) continue;
        const structs = this.doc.store.clients.get(client) ?? [];
        let index = Y.findIndexSS(structs, range.clock);
        for (; index < structs.length; index += 1) {
          const struct = structs[index]!;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted || !struct.parent) continue;
          const type = struct.parent as AnyType;
          if (struct.parentSub !== null && replacedKeys.get(type)?.has(struct.parentSub)) continue;
          changes.push({
            op: 'delete',
            path: this.paths.changePath({ kind: 'live', type }, struct.parentSub),
            key: struct.parentSub,
            container: this.container({ kind: 'live', type }),
            value: valueOf(struct.content),
          });
        }
      }
    }
    return changes;
  }
}
