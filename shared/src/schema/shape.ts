/**
 * The vocabulary of document shapes: one description per kind of what a document may hold (its
 * roots, keys, the type or plain value at each, which parts only the server writes, and which
 * change rule applies where). Both ends read the same description: the server checks every
 * incoming change against it (server/src/guards/shape.ts), and `validateShape` checks a whole
 * document (validate-shape.ts). docs/PROTOCOL.md ("Schemas") describes them in words.
 */
import type { Problem } from '../problems.ts';
import type { RuleName } from './rules.ts';

/** Checks a plain value; its problems carry `path` as their place. Pure. */
export type ValueCheck = (value: unknown, path: string) => Problem[];

interface ShapeBase {
  /** Written by the server only: no client insert or delete anywhere under it. */
  serverOnly?: boolean;
  /** The change rule the server applies to every change directly inside this map or sequence. */
  rule?: RuleName;
  /** May be absent from its map (keys are required unless marked so). */
  optional?: boolean;
}

export interface ValueShape extends ShapeBase {
  kind: 'value';
  check?: ValueCheck;
  /** The value is the writing user's own id: the server refuses anything else as impersonation. */
  self?: boolean;
}

export interface MapShape extends ShapeBase {
  kind: 'map';
  /** Named keys, in the order problems are reported. */
  entries?: Readonly<Record<string, Shape>>;
  /** The shape of every other key, when the map is a dictionary; keys must match `keyPattern`. */
  anyKey?: Shape;
  keyPattern?: RegExp;
}

export interface ArrayShape extends ShapeBase {
  kind: 'array';
  of: Shape;
}

/** A Y.Text of at most `maxLength` characters (the server, seeing one insert at a time, holds each insert to it). */
export interface TextShape extends ShapeBase {
  kind: 'text';
  maxLength: number;
}

/** Rich text (a Y.XmlFragment of elements and XmlText); each insert at most `maxInsertLength` characters. */
export interface XmlShape extends ShapeBase {
  kind: 'xml';
  maxInsertLength: number;
}

export type Shape = ValueShape | MapShape | ArrayShape | TextShape | XmlShape;

/**
 * A document kind's roots by name. A name ending in `*` is a family of roots: every name made of
 * that prefix and a segment `[A-Za-z0-9._-]{1,64}` (`field:*` for `field:stage`), for parts two
 * replicas may create concurrently, which only a root's name keeps from colliding (issue 14).
 */
export type DocumentShape = Readonly<Record<string, Shape>>;

export const ROOT_FAMILY = '*';
const ROOT_SUFFIX = /^[A-Za-z0-9._-]{1,64}$/;

/** The shape of the root named `name`: its own entry, else the family it belongs to. */
export function rootShape(shape: DocumentShape, name: string): Shape | undefined {
  if (!name.endsWith(ROOT_FAMILY) && Object.hasOwn(shape, name)) return shape[name];
  for (const [key, root] of Object.entries(shape)) {
    if (key.endsWith(ROOT_FAMILY) && name.startsWith(key.slice(0, -1)) && ROOT_SUFFIX.test(name.slice(key.length - 1))) return root;
  }
  return undefined;
}

/** The roots every document of the kind has (the families aside). */
export function fixedRoots(shape: DocumentShape): [string, Shape][] {
  return Object.entries(shape).filter(([key]) => !key.endsWith(ROOT_FAMILY));
}

type Options<S extends Shape> = Omit<S, 'kind' | 'entries' | 'anyKey' | 'keyPattern' | 'of' | 'maxLength' | 'maxInsertLength' | 'check'>;

export const value = (check?: ValueCheck, options: Options<ValueShape> = {}): ValueShape => ({ kind: 'value', check, ...options });
export const map = (entries: Record<string, Shape>, options: Options<MapShape> = {}): MapShape => ({ kind: 'map', entries, ...options });
export const mapOf = (anyKey: Shape, keyPattern: RegExp, options: Options<MapShape> = {}): MapShape => ({ kind: 'map', anyKey, keyPattern, ...options });
export const array = (of: Shape, options: Options<ArrayShape> = {}): ArrayShape => ({ kind: 'array', of, ...options });
export const text = (maxLength: number, options: Options<TextShape> = {}): TextShape => ({ kind: 'text', maxLength, ...options });
export const xml = (maxInsertLength: number, options: Options<XmlShape> = {}): XmlShape => ({ kind: 'xml', maxInsertLength, ...options });

/** The keys a map must have (for a new message, say). */
export function requiredKeys(shape: MapShape): string[] {
  return Object.entries(shape.entries ?? {}).filter(([, entry]) => !entry.optional).map(([key]) => key);
}
