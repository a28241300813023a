/**
 * Typed reads of plain values out of Y.Maps, and the small checks validators share.
 * A value of the wrong type reads as undefined; validators report it.
 */
import * as Y from 'yjs';
import { isValidId } from './ids.ts';
import { problem, type Problem } from './problems.ts';

export type YMap = Y.Map<unknown>;

export function readString(map: YMap, key: string): string | undefined {
  const value = map.get(key);
  return typeof value === 'string' ? value : undefined;
}

export function readNumber(map: YMap, key: string): number | undefined {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readBoolean(map: YMap, key: string): boolean | undefined {
  const value = map.get(key);
  return typeof value === 'boolean' ? value : undefined;
}

export function readStringArray(map: YMap, key: string): string[] | undefined {
  const value = map.get(key);
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...(value as string[])] : undefined;
}

export function isYMap(value: unknown): value is YMap {
  return value instanceof Y.Map;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}

/** Keys sorted, so every replica produces the same JSON text whatever order updates arrived in. */
export function sortedKeys(map: { keys(): Iterable<string> }): string[] {
  return [...map.keys()].sort();
}

export type FieldKind = 'string' | 'id' | 'number' | 'boolean' | 'string[]';

/** Checks `map[key]` has the expected kind; pushes a problem otherwise. Absent optional keys pass. */
export function checkKey(map: YMap, key: string, kind: FieldKind, path: string, problems: Problem[], optional = false): void {
  const value = map.get(key);
  if (value === undefined) {
    if (!optional) problems.push(problem('missing-key', `${path}.${key}`, `${key} is required`));
    return;
  }
  if (!hasKind(value, kind)) problems.push(problem('wrong-type', `${path}.${key}`, `${key} must be ${kind === 'id' ? 'an id [A-Za-z0-9._-]{1,64}' : `a ${kind}`}`));
}

export function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'id':
      return isValidId(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

export function checkOneOf(map: YMap, key: string, allowed: readonly string[], path: string, problems: Problem[], optional = false): void {
  const value = map.get(key);
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.push(problem('invalid-value', `${path}.${key}`, `${key} must be one of ${allowed.join(', ')}`));
  }
}

export function checkLength(map: YMap, key: string, max: number, path: string, problems: Problem[]): void {
  const value = map.get(key);
  if (typeof value === 'string' && value.length > max) {
    problems.push(problem('too-long', `${path}.${key}`, `${key} is longer than ${max} characters`));
  }
}

/** Root types of a doc that are not part of the kind's schema. */
export function unknownRoots(doc: Y.Doc, known: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const name of doc.share.keys()) {
    if (!known.includes(name)) problems.push(problem('unknown-root', name, `unknown root ${JSON.stringify(name)}`));
  }
  return problems;
}
