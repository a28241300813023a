/** What an item of an update holds, as the guards see it (update-changes.ts). */
import * as Y from 'yjs';
import type { InsertedContent, TypeKind } from './update-changes.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its parents loosely
export type AnyType = Y.AbstractType<any>;
type Content = Y.Item['content'];

export function liveMapValue(type: AnyType, key: string): unknown {
  const item = type._map.get(key);
  return item && !item.deleted ? valueOf(item.content) : undefined;
}

export function valueOf(content: Content): unknown {
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentType) return content.type;
  return undefined;
}

const NONE: readonly unknown[] = [];

/** The plain JSON values an item carries: map and array values, and text formatting values. */
export function plainValuesOf(content: Content): readonly unknown[] {
  if (content instanceof Y.ContentAny) return content.arr;
  if (content instanceof Y.ContentFormat) return [content.value];
  return NONE;
}

export function describeContent(content: Content): InsertedContent {
  if (content instanceof Y.ContentAny) return { kind: 'value', values: content.arr };
  if (content instanceof Y.ContentString) return { kind: 'string', length: content.str.length };
  if (content instanceof Y.ContentFormat) return { kind: 'format', key: content.key };
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (content instanceof Y.ContentType) return { kind: 'type', type: typeKind(content.type) };
  return { kind: 'unsupported', name: content.constructor.name };
}

function typeKind(type: AnyType): TypeKind {
  if (type instanceof Y.XmlText) return 'xml-text';
  if (type instanceof Y.XmlElement) return 'xml-element';
  if (type instanceof Y.XmlHook) return 'xml-hook';
  if (type instanceof Y.XmlFragment) return 'xml-fragment';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Array) return 'array';
  return 'map';
}
