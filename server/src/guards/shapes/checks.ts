/** Small value checks and rules the document shapes are built from. */
import { SEGMENT_PATTERN } from '@concord/shared';
import type { RuleContext, RuleResult } from '../shape.ts';
import type { Change, InsertChange } from '../update-changes.ts';

type Check = (value: unknown, change: InsertChange, ctx: RuleContext) => RuleResult;

const where = (change: Change) => change.path.join('/');

export const ID_KEY = SEGMENT_PATTERN;
export const ANY_KEY = /^.{1,200}$/s;

export const isString = (max: number): Check => (value, change) =>
  typeof value === 'string' && value.length <= max ? null : `${where(change)}: expected a string of at most ${max} characters`;

export const isId: Check = (value, change) =>
  typeof value === 'string' && SEGMENT_PATTERN.test(value) ? null : `${where(change)}: expected an id of [A-Za-z0-9._-]{1,64}`;

export const isNumber: Check = (value, change) =>
  typeof value === 'number' && Number.isFinite(value) ? null : `${where(change)}: expected a number`;

export const isBoolean: Check = (value, change) => (typeof value === 'boolean' ? null : `${where(change)}: expected true or false`);

export const isTrue: Check = (value, change) => (value === true ? null : `${where(change)}: expected true`);

export const oneOf = (allowed: readonly string[]): Check => (value, change) =>
  typeof value === 'string' && allowed.includes(value) ? null : `${where(change)}: expected one of ${allowed.join(', ')}`;

export const jsonArray = (max: number, item: (v: unknown) => boolean): Check => (value, change) =>
  Array.isArray(value) && value.length <= max && value.every(item) ? null : `${where(change)}: expected a list of at most ${max} valid entries`;

/** The value names the connection's own user. */
export const isSelf: Check = (value, change, ctx) =>
  value === ctx.identity.userId ? null : { code: 'impersonation', message: `${where(change)}: must be your own user id` };

export const all = (...checks: Check[]): Check => (value, change, ctx) => {
  for (const check of checks) {
    const outcome = check(value, change, ctx);
    if (outcome) return outcome;
  }
  return null;
};

/** Keys of this map are user ids, and each user writes only their own. */
export function ownKeysOnly(change: Change, ctx: RuleContext): RuleResult {
  return change.key === ctx.identity.userId ? null : { code: 'impersonation', message: `${where(change)}: you may only write your own entry` };
}

/** Once set, a key keeps its value: no overwrite, no delete. */
export function writeOnce(change: Change): RuleResult {
  if (change.op === 'delete') return `${where(change)}: cannot be removed`;
  return change.replaces ? `${where(change)}: cannot be changed once set` : null;
}

/** Entries of a sequence are appended, never removed by clients. */
export function appendOnly(change: Change): RuleResult {
  return change.op === 'delete' ? `${where(change)}: entries cannot be removed` : null;
}

export function adminOnly(change: Change, ctx: RuleContext, what: string): RuleResult {
  return ctx.identity.role === 'admin' ? null : `${where(change)}: only an admin may ${what}`;
}
