import {
  FORM_ROOTS,
  MAX_FREE_TEXT_LENGTH,
  fieldWrites,
  isFieldWrite,
  readFormSchema,
  supersededIds,
  validateFieldValue,
  validateSchema,
  type FieldDefinition,
} from '@concord/shared';
import { map, mapOf, text, value, type DocumentShape, type RuleContext, type RuleResult } from '../shape.ts';
import type { Change, InsertChange } from '../update-changes.ts';
import { ID_KEY, isString } from './checks.ts';

const FIELD_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Field definitions by name for one update (from a schema it sends, else the live document's), and
 * the superseded write ids of each field: built once per update, not once per write, so an update
 * of thousands of writes stays linear (issue 10).
 */
interface UpdateMemo {
  definitions: ReadonlyMap<string, FieldDefinition>;
  superseded: Map<string, ReadonlySet<string>>;
}
const memos = new WeakMap<readonly Change[], UpdateMemo>();

function memoOf(ctx: RuleContext): UpdateMemo {
  let memo = memos.get(ctx.changes);
  if (!memo) {
    const sent = ctx.changes.find((c) => c.op === 'insert' && c.path.length === 2 && c.path[0] === FORM_ROOTS.meta && c.path[1] === 'schema' && c.content.kind === 'value' && Array.isArray(c.content.values.at(-1)));
    const schema = sent?.op === 'insert' && sent.content.kind === 'value' ? (sent.content.values.at(-1) as FieldDefinition[]) : readFormSchema(ctx.doc);
    const definitions = new Map<string, FieldDefinition>();
    for (const definition of schema) {
      const name = (definition as Partial<FieldDefinition> | null)?.name;
      if (typeof name === 'string' && !definitions.has(name)) definitions.set(name, definition);
    }
    memo = { definitions, superseded: new Map() };
    memos.set(ctx.changes, memo);
  }
  return memo;
}

function definitionOf(ctx: RuleContext, field: string): FieldDefinition | undefined {
  return memoOf(ctx).definitions.get(field);
}

function supersededIn(ctx: RuleContext, field: string): ReadonlySet<string> {
  const { superseded } = memoOf(ctx);
  let ids = superseded.get(field);
  if (!ids) {
    ids = supersededIds(fieldWrites(ctx.doc, field));
    superseded.set(field, ids);
  }
  return ids;
}

/** A write (DESIGN §5) by the connection's own user, with a value its field's definition accepts. */
function checkWrite(write: unknown, change: InsertChange, ctx: RuleContext): RuleResult {
  const where = change.path.join('/');
  if (!isFieldWrite(write)) return `${where}: expected a write {value, by, byName, at, supersedes}`;
  if (write.by !== ctx.identity.userId) return { code: 'impersonation', message: `${where}: a write's "by" must be your own user id` };
  const field = change.path[1]!;
  const definition = definitionOf(ctx, field);
  if (!definition) return `${where}: the form has no field ${JSON.stringify(field)}`;
  if (definition.type === 'text') return `${where}: ${field} is free text`;
  const problems = validateFieldValue(definition, write.value, `fields.${field}`);
  return problems.length > 0 ? `${where}: ${problems.map((p) => p.message).join('; ')}` : null;
}

/** Writes never change once made; only superseded ones may be pruned. */
function writesRule(change: Change, ctx: RuleContext): RuleResult {
  const where = change.path.join('/');
  if (change.op === 'insert') return change.replaces ? `${where}: a write never changes once made` : null;
  return change.key !== null && supersededIn(ctx, change.path[1]!).has(change.key) ? null : `${where}: only superseded writes may be pruned`;
}

function fieldsRule(change: Change): RuleResult {
  return change.op === 'delete' || (change.op === 'insert' && change.replaces) ? `${change.path.join('/')}: a field's writes are never replaced` : null;
}

function textsRule(change: Change, ctx: RuleContext): RuleResult {
  const where = change.path.join('/');
  if (change.op === 'delete' || change.replaces) return `${where}: a free-text field is never replaced`;
  return definitionOf(ctx, change.key ?? '')?.type === 'text' ? null : `${where}: not a free-text field`;
}

export const formShape: DocumentShape = {
  [FORM_ROOTS.meta]: map({
    title: value(isString(200)),
    entityType: value(isString(64)),
    entityId: value(isString(64)),
    schema: value((schema, change) => {
      const problems = validateSchema(schema);
      return problems.length > 0 ? `${change.path.join('/')}: ${problems.map((p) => p.message).join('; ')}` : null;
    }),
  }),
  [FORM_ROOTS.fields]: mapOf(mapOf(value(checkWrite), ID_KEY, { rule: writesRule }), FIELD_NAME, { rule: fieldsRule }),
  [FORM_ROOTS.texts]: mapOf(text(MAX_FREE_TEXT_LENGTH), FIELD_NAME, { rule: textsRule }),
};
