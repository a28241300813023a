/**
 * A form's change rules: writes of a business field are the writer's own, fit the field's
 * definition, and never change (docs/PROTOCOL.md, "Business fields"); fields and free texts are made
 * with the schema.
 */
import { fieldDefinition, fieldWrites, isFieldWrite, supersededIds, validateFieldValue, type FieldDefinition } from '@concord/shared';
import type { InsertChange } from '../update-changes.ts';
import type { RuleContext, RuleResult, RuleSet } from '../shape.ts';
import { where } from './common.ts';

/** A field's definition from a schema sent in this same update, else from the live document. */
function definitionOf(ctx: RuleContext, field: string): FieldDefinition | undefined {
  for (const change of ctx.changes) {
    if (change.op !== 'insert' || change.path.join('/') !== 'meta/schema' || change.content.kind !== 'value') continue;
    const schema = change.content.values.at(-1);
    if (Array.isArray(schema)) return (schema as FieldDefinition[]).find((definition) => definition?.name === field);
  }
  return fieldDefinition(ctx.doc, field);
}

/** A new write by the connection's own user, with a value its field's definition accepts. */
function checkWrite(change: InsertChange, ctx: RuleContext): RuleResult {
  if (change.content.kind !== 'value') return null;
  const field = change.path[1]!;
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

export const formRules = {
  'form-fields': (change) =>
    change.op === 'delete' || (change.op === 'insert' && change.replaces) ? `${where(change)}: a field's writes are never replaced` : null,
  // Writes never change once made; only superseded ones may be pruned.
  'form-writes'(change, ctx) {
    if (change.op === 'insert') return checkWrite(change, ctx) ?? (change.replaces ? `${where(change)}: a write never changes once made` : null);
    const superseded = supersededIds(fieldWrites(ctx.doc, change.path[1]!));
    return change.key !== null && superseded.has(change.key) ? null : `${where(change)}: only superseded writes may be pruned`;
  },
  'form-texts'(change, ctx) {
    if (change.op === 'delete' || change.replaces) return `${where(change)}: a free-text field is never replaced`;
    return definitionOf(ctx, change.key ?? '')?.type === 'text' ? null : `${where(change)}: not a free-text field`;
  },
} satisfies RuleSet;
