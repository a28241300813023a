/**
 * A user's notifications `<org>:inbox:<userId>` (docs/PROTOCOL.md, "Schemas"): root Array `items`.
 * Server-written: only the server calls `addInboxItem` and `resolveInboxItems`; the owner may only
 * set `readAt` (`markInboxRead`). An item is unread until it has `readAt` or `resolvedAt`.
 */
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { newId } from './ids.ts';
import { isYMap, readNumber, readString, type YMap } from './values.ts';

export const INBOX_ROOTS = { items: 'items' } as const;
/** Items the inbox keeps; the oldest fall off beyond this. */
export const INBOX_CAP = 500;

export const INBOX_ITEM_KINDS = ['mention', 'meeting', 'conflict', 'system'] as const;
export type InboxItemKind = (typeof INBOX_ITEM_KINDS)[number];

export interface InboxItem {
  id: string;
  kind: InboxItemKind;
  text: string;
  /** The document the item points to, `<org>:<kind>:<id>`. */
  doc: string;
  anchor?: string;
  at: number;
  readAt?: number;
  /**
   * Server-written: when what the item asked for no longer needs doing (a conflict was resolved);
   * its text then says so. A resolved item no longer counts as unread.
   */
  resolvedAt?: number;
}

export interface InboxView {
  items: InboxItem[];
  unread: number;
}

export const inboxItems = (doc: Y.Doc): Y.Array<YMap> => doc.getArray(INBOX_ROOTS.items);

export type InboxItemInput = Omit<InboxItem, 'id' | 'readAt' | 'resolvedAt'> & { id?: string };

/** Server only: appends an item (newest last) and drops the oldest beyond `cap`. */
export function addInboxItem(doc: Y.Doc, input: InboxItemInput, cap: number = INBOX_CAP): InboxItem {
  if (!(INBOX_ITEM_KINDS as readonly string[]).includes(input.kind)) throw new ModelError('invalid-input', `kind must be one of ${INBOX_ITEM_KINDS.join(', ')}`);
  const item: InboxItem = { id: input.id ?? newId(input.at), kind: input.kind, text: input.text, doc: input.doc, at: input.at };
  if (input.anchor !== undefined) item.anchor = input.anchor;
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(item)) map.set(key, value);
  doc.transact(() => {
    const items = inboxItems(doc);
    items.push([map]);
    const overflow = items.length - Math.max(0, cap);
    if (overflow > 0) items.delete(0, overflow);
  });
  return item;
}

/** Which items `resolveInboxItems` settles: those of this kind about this document and anchor. */
export interface InboxItemMatch {
  kind: InboxItemKind;
  doc: string;
  anchor?: string;
}

/**
 * Server only: marks every unresolved item matching `match` resolved at `at` and replaces its text.
 * Returns how many changed.
 */
export function resolveInboxItems(doc: Y.Doc, match: InboxItemMatch, text: string, at: number = Date.now()): number {
  const open = inboxItems(doc).toArray().filter((item): item is YMap => matches(item, match) && item.get('resolvedAt') === undefined);
  if (open.length > 0) {
    doc.transact(() => {
      for (const item of open) {
        item.set('text', text);
        item.set('resolvedAt', at);
      }
    });
  }
  return open.length;
}

/** Whether the inbox holds an item matching `match`, resolved or not. */
export function hasInboxItem(doc: Y.Doc, match: InboxItemMatch): boolean {
  return inboxItems(doc).toArray().some((item) => matches(item, match));
}

function matches(item: unknown, match: InboxItemMatch): item is YMap {
  return isYMap(item) && item.get('kind') === match.kind && item.get('doc') === match.doc && item.get('anchor') === match.anchor;
}

/** Marks one item read (first read time wins). Returns whether it changed. */
export function markInboxRead(doc: Y.Doc, itemId: string, at: number = Date.now()): boolean {
  const map = inboxItems(doc).toArray().find((item) => isYMap(item) && item.get('id') === itemId);
  if (!map) throw new ModelError('not-found', `no inbox item ${JSON.stringify(itemId)}`);
  if (map.get('readAt') !== undefined) return false;
  doc.transact(() => map.set('readAt', at));
  return true;
}

export function markAllInboxRead(doc: Y.Doc, at: number = Date.now()): number {
  const unread = inboxItems(doc).toArray().filter((item) => isYMap(item) && item.get('readAt') === undefined && item.get('resolvedAt') === undefined);
  if (unread.length > 0) doc.transact(() => unread.forEach((item) => item.set('readAt', at)));
  return unread.length;
}

export function listInboxItems(doc: Y.Doc): InboxItem[] {
  return inboxItems(doc).toArray().flatMap((map) => {
    if (!isYMap(map)) return [];
    const kind = readString(map, 'kind');
    const item: InboxItem = {
      id: readString(map, 'id') ?? '',
      kind: (INBOX_ITEM_KINDS as readonly string[]).includes(kind ?? '') ? (kind as InboxItemKind) : 'system',
      text: readString(map, 'text') ?? '',
      doc: readString(map, 'doc') ?? '',
      at: readNumber(map, 'at') ?? 0,
    };
    const anchor = readString(map, 'anchor');
    if (anchor !== undefined) item.anchor = anchor;
    const readAt = readNumber(map, 'readAt');
    if (readAt !== undefined) item.readAt = readAt;
    const resolvedAt = readNumber(map, 'resolvedAt');
    if (resolvedAt !== undefined) item.resolvedAt = resolvedAt;
    return [item];
  });
}

export function isInboxItemUnread(item: Pick<InboxItem, 'readAt' | 'resolvedAt'>): boolean {
  return item.readAt === undefined && item.resolvedAt === undefined;
}

export function inboxUnreadCount(doc: Y.Doc): number {
  return listInboxItems(doc).filter(isInboxItemUnread).length;
}

export function inboxToJSON(doc: Y.Doc): InboxView {
  return { items: listInboxItems(doc), unread: inboxUnreadCount(doc) };
}

