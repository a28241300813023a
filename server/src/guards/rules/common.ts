/** Change rules every kind uses, and the small helpers the others are built from. */
import type { Change } from '../update-changes.ts';
import type { RuleContext, RuleResult, RuleSet } from '../shape.ts';

export const where = (change: Change): string => change.path.join('/');

/** Once set, a key keeps its value: no overwrite, no delete. */
export function writeOnce(change: Change): RuleResult {
  if (change.op === 'delete') return `${where(change)}: cannot be removed`;
  return change.replaces ? `${where(change)}: cannot be changed once set` : null;
}

export function adminOnly(change: Change, ctx: RuleContext, what: string): RuleResult {
  return ctx.identity.role === 'admin' ? null : `${where(change)}: only an admin may ${what}`;
}

export const commonRules = {
  'append-only': (change) => (change.op === 'delete' ? `${where(change)}: entries cannot be removed` : null),
  'own-keys': (change, ctx) =>
    change.key === ctx.identity.userId ? null : { code: 'impersonation', message: `${where(change)}: you may only write your own entry` },
} satisfies RuleSet;
