/**
 * Typed reads of plain values out of Y.Maps. A value of the wrong type reads as undefined; the
 * validators (schema/) report it.
 */
import * as Y from 'yjs';

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
