import { INBOX_ROOTS } from '@concord/shared';
import { array, map, value, type DocumentShape, type RuleResult } from '../shape.ts';
import type { Change } from '../update-changes.ts';
import { isNumber, writeOnce } from './checks.ts';

/** Inbox items are the server's (`resolvedAt` too); their owner may only mark them read. */
function itemRule(change: Change): RuleResult {
  return change.key === 'readAt' ? writeOnce(change) : `${change.path.join('/')}: only the server writes inbox items`;
}

export const inboxShape: DocumentShape = {
  [INBOX_ROOTS.items]: array(
    map(
      { id: value(), kind: value(), text: value(), doc: value(), anchor: value(), at: value(), readAt: value(isNumber), resolvedAt: value(isNumber) },
      { rule: itemRule },
    ),
    { rule: (change) => `${change.path.join('/')}: only the server adds or removes inbox items` },
  ),
};
