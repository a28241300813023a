/**
 * A form's change rules: writes of a business field are the writer's own, fit the field's
 * definition, and never change (docs/PROTOCOL.md, "Business fields"); nested fields and free texts
 * are made with the first schema, and a field added later writes into its own root (`field:<name>`,
 * `text:<name>`), which only a field of that name and type may use.
 */
import { FORM_ROOTS, fieldAtPath, fieldWrites, formMeta, isFieldWrite, readFormSchema, schemaChangeProblems, supersededIds, validateFieldValue, type FieldDefinition } from '@concord/shared';
import type { Change, InsertChange } from '../update-changes.ts';
import type { RuleContext, RuleResult, RuleSet } from '../shape.ts';
import { where } from './common.ts';

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

/** The field a write belongs to: `fields/<name>/<writeId>` or `field:<name>/<writeId>` (the shape placed it). */
function writeField(change: Change): string {
  return fieldAtPath(change.path)!.field;
}

/** A new write by the connection's own user, with a value its field's definition accepts. */
function checkWrite(change: InsertChange, ctx: RuleContext): RuleResult {
  if (change.content.kind !== 'value') return null;
  const field = writeField(change);
  for (const write of change.content.values) {
    if (!isFieldWrite(write)) continue; // the shape has refused it already
    if (write.by !== ctx.identity.userId) return { code: 'impersonation', message: `${where(change)}: a write's "by" must be your own user id` };
    const definition = definitionOf(ctx, field);
    if (!definition) return `${where(change)}: the form has no field ${JSON.stringify(field)}`;
    if (definition.type === 'text') return `${where(change)}: ${field} is free text`;
    const problems = validateFieldValue(definition, write.value, `fields.${field}`);
    if (problems.length > 0) return `${where(change)}: ${problems.map((p) => p.message).join('; ')}`;
  }
  return null;
}

/** A new schema keeps every field of the live one, with its type: no value written is orphaned or misfit. */
function checkMeta(change: Change, ctx: RuleContext): RuleResult {
  if (change.key !== 'schema') return null;
  if (change.op === 'delete') return `${where(change)}: the schema is never removed`;
  if (change.content.kind !== 'value') return null;
  let before = readFormSchema(ctx.doc);
  for (const next of change.content.values as FieldDefinition[][]) {
    const problems = schemaChangeProblems(before, next, where(change));
    if (problems.length > 0) return problems.map((p) => p.message).join('; ');
    before = next;
  }
  return null;
}

/** Nested containers come with the first schema; later, two replicas adding one would collide (issue 14). */
function madeWithFirstSchema(change: Change, ctx: RuleContext, what: string): RuleResult {
  return formMeta(ctx.doc).has('schema') ? `${where(change)}: ${what} of a field added later is its own root` : null;
}

export const formRules = {
  'form-meta': checkMeta,
  'form-fields': (change, ctx) =>
    change.op === 'delete' || (change.op === 'insert' && change.replaces)
      ? `${where(change)}: a field's writes are never replaced`
      : madeWithFirstSchema(change, ctx, 'the writes'),
  // Writes never change once made; only superseded ones may be pruned.
  'form-writes'(change, ctx) {
    if (change.op === 'insert') return checkWrite(change, ctx) ?? (change.replaces ? `${where(change)}: a write never changes once made` : null);
    return change.key !== null && supersededIn(ctx, writeField(change)).has(change.key) ? null : `${where(change)}: only superseded writes may be pruned`;
  },
  'form-texts'(change, ctx) {
    if (change.op === 'delete' || change.replaces) return `${where(change)}: a free-text field is never replaced`;
    if (definitionOf(ctx, change.key ?? '')?.type !== 'text') return `${where(change)}: not a free-text field`;
    return madeWithFirstSchema(change, ctx, 'the text');
  },
  'form-text'(change, ctx) {
    const field = fieldAtPath(change.path)!.field;
    return definitionOf(ctx, field)?.type === 'text' ? null : `${where(change)}: ${JSON.stringify(field)} is not a free-text field of the schema`;
  },
} satisfies RuleSet;
