/**
 * Checks one change of an incoming update (update-changes.ts) against its document kind's shape,
 * the description both ends share (shared/src/schema/): the root and keys must exist there, the
 * content must have the type or plain value the shape gives, server-written parts stay the
 * server's, a `self` value names the connection's own user, and the change rule named where the
 * change happens (rules/) must allow it.
 */
import { rootShape, type DocumentShape, type RuleName, type Shape } from '@concord/shared';
import type * as Y from 'yjs';
import type { Identity } from '../auth/claims.ts';
import { CHANGE_RULES } from './rules.ts';
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
export type Rule = (change: Change, ctx: RuleContext) => RuleResult;
export type RuleSet = Partial<Record<RuleName, Rule>>;

/** Checks one change against a document's shape; null when it is allowed. */
export function checkChange(shape: DocumentShape, change: Change, ctx: RuleContext): Refusal | null {
  const root = rootShape(shape, change.path[0]!);
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
  const outcome = container.rule ? CHANGE_RULES[container.rule](change, ctx) : null;
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
    if (content.kind === 'string') return content.length > container.maxLength ? `${at(change)}: text insert longer than ${container.maxLength}` : null;
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
    case 'value': {
      if (content.kind !== 'value') return `${at(change)}: expected a plain value`;
      // Value targets sit a few levels deep in fixed shapes, so this path is short.
      const where = at(change);
      for (const v of content.values) {
        const problems = target.check?.(v, where) ?? [];
        if (problems.length > 0) return `${where}: ${problems.map((p) => p.message).join('; ')}`;
        if (target.self && v !== ctx.identity.userId) return { code: 'impersonation', message: `${where}: must be your own user id` };
      }
      return null;
    }
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
