/**
 * The shape a client may give each kind of document, as data: which roots and keys exist, what
 * type or value sits at each, which parts only the server writes, and the rules (authorship,
 * allowed moves) that need the connection's identity. Checked change by change (update-changes.ts).
 */
import type * as Y from 'yjs';
import type { Identity } from '../auth/claims.ts';
import type { Change, InsertChange } from './update-changes.ts';

export interface RuleContext {
  identity: Identity;
  /** The live document, as it is before this update. */
  doc: Y.Doc;
  /** Every change of this update, for rules that depend on a sibling (a schema sent with its values). */
  changes: readonly Change[];
}

export interface Refusal {
  code: 'invalid-update' | 'impersonation' | 'missing-dependencies';
  message: string;
}

/** A rule answers null (fine), a message (invalid-update) or a refusal with its own code. */
export type RuleResult = null | string | Refusal;

interface ShapeBase {
  /** Written by the server only: no client insert or delete anywhere under it. */
  serverOnly?: boolean;
  /** Called for every change directly inside this map or sequence. */
  rule?: (change: Change, ctx: RuleContext) => RuleResult;
}

export type Shape = ShapeBase &
  (
    | { kind: 'value'; check?: (value: unknown, change: InsertChange, ctx: RuleContext) => RuleResult }
    | { kind: 'map'; entries?: Readonly<Record<string, Shape>>; anyKey?: Shape; keyPattern?: RegExp }
    | { kind: 'array'; of: Shape }
    | { kind: 'text'; maxInsertLength: number }
    | { kind: 'xml'; maxInsertLength: number }
  );

export type DocumentShape = Readonly<Record<string, Shape>>;

export const value = (check?: (value: unknown, change: InsertChange, ctx: RuleContext) => RuleResult, base: ShapeBase = {}): Shape => ({ kind: 'value', check, ...base });
export const map = (entries: Record<string, Shape>, base: ShapeBase = {}): Shape => ({ kind: 'map', entries, ...base });
export const mapOf = (anyKey: Shape, keyPattern: RegExp, base: ShapeBase = {}): Shape => ({ kind: 'map', anyKey, keyPattern, ...base });
export const array = (of: Shape, base: ShapeBase = {}): Shape => ({ kind: 'array', of, ...base });
export const text = (maxInsertLength: number, base: ShapeBase = {}): Shape => ({ kind: 'text', maxInsertLength, ...base });
export const xml = (maxInsertLength: number, base: ShapeBase = {}): Shape => ({ kind: 'xml', maxInsertLength, ...base });

/** Checks one change against a document's shape; null when it is allowed. */
export function checkChange(shape: DocumentShape, change: Change, ctx: RuleContext): Refusal | null {
  const root = shape[change.path[0]!];
  if (!root) return invalid(`unknown root ${JSON.stringify(change.path[0])}`);

  // Walk down to the shape that contains the change.
  const along: Shape[] = [root];
  let container = root;
  for (let i = 1; i < change.path.length - 1; i += 1) {
    // Rich text is rich text all the way down.
    if (container.kind === 'xml') break;
    const next = child(container, change.path[i]!);
    if (!next) return invalid(`${at(change)}: no such place in this document`);
    if (next !== container) along.push(next);
    container = next;
  }
  if (along.some((s) => s.serverOnly)) return invalid(`${at(change)}: only the server writes here`);

  const last = change.path[change.path.length - 1]!;
  const target = child(container, last);
  if (!target) return invalid(`${at(change)}: no such place in this document`);
  if (target.serverOnly) return invalid(`${at(change)}: only the server writes here`);
  if (container.kind === 'map' && change.key === null) return invalid(`${at(change)}: expected a map key`);
  if ((container.kind === 'array' || container.kind === 'text') && change.key !== null) return invalid(`${at(change)}: expected a sequence position`);

  if (change.op === 'insert') {
    const problem = checkContent(container, target, change, ctx);
    if (problem) return asRefusal(problem);
  }
  const outcome = container.rule?.(change, ctx);
  if (outcome) return asRefusal(outcome);
  return null;
}

function child(container: Shape, segment: string): Shape | undefined {
  switch (container.kind) {
    case 'map':
      if (container.entries && Object.hasOwn(container.entries, segment)) return container.entries[segment];
      if (container.anyKey && container.keyPattern?.test(segment)) return container.anyKey;
      return undefined;
    case 'array':
      return segment === '#' ? container.of : undefined;
    case 'text':
      return segment === '#' ? container : undefined;
    case 'xml':
      return container;
    case 'value':
      return undefined;
  }
}

function checkContent(container: Shape, target: Shape, change: InsertChange, ctx: RuleContext): RuleResult {
  const { content } = change;
  if (content.kind === 'deleted') return null;
  if (content.kind === 'unsupported') return `${at(change)}: ${content.name} content is not allowed`;

  if (container.kind === 'text') {
    if (content.kind === 'string') return content.length > container.maxInsertLength ? `${at(change)}: text insert longer than ${container.maxInsertLength}` : null;
    return content.kind === 'format' ? null : `${at(change)}: only text may be inserted into text`;
  }
  if (container.kind === 'xml') {
    if (content.kind === 'string') return content.length > container.maxInsertLength ? `${at(change)}: text insert longer than ${container.maxInsertLength}` : null;
    if (content.kind === 'format') return null;
    if (content.kind === 'type') {
      // An attribute holding a shared type is no editor's, and would nest rich text where views do not look.
      if (change.key !== null) return `${at(change)}: a rich-text attribute must be a plain value`;
      return ['xml-element', 'xml-text'].includes(content.type) ? null : `${at(change)}: ${content.type} is not allowed in rich text`;
    }
    // Element attributes are map entries with plain values.
    if (content.kind === 'value') return change.key !== null && content.values.every(isSmallJson) ? null : `${at(change)}: bad rich-text attribute`;
    return `${at(change)}: not allowed in rich text`;
  }

  switch (target.kind) {
    case 'value':
      if (content.kind !== 'value') return `${at(change)}: expected a plain value`;
      for (const v of content.values) {
        const outcome = target.check?.(v, change, ctx);
        if (outcome) return outcome;
      }
      return null;
    case 'map':
      return content.kind === 'type' && content.type === 'map' ? null : `${at(change)}: expected a map`;
    case 'array':
      return content.kind === 'type' && content.type === 'array' ? null : `${at(change)}: expected an array`;
    case 'text':
      return content.kind === 'type' && content.type === 'text' ? null : `${at(change)}: expected a text`;
    case 'xml':
      return content.kind === 'type' && content.type === 'xml-fragment' ? null : `${at(change)}: expected rich text`;
  }
}

/** Where a change is, for messages; only computed for a refusal. */
function at(change: Change): string {
  return change.path.join('/');
}

function invalid(message: string): Refusal {
  return { code: 'invalid-update', message };
}

function asRefusal(result: string | Refusal): Refusal {
  return typeof result === 'string' ? invalid(result) : result;
}

const MAX_ATTRIBUTE_JSON = 4096;
function isSmallJson(v: unknown): boolean {
  try {
    return JSON.stringify(v).length <= MAX_ATTRIBUTE_JSON;
  } catch {
    return false;
  }
}
