/** The value checks shapes are built from: pure, each returns the problems of one plain value. */
import { isValidId } from '../ids.ts';
import { problem, type Problem } from '../problems.ts';
import type { ValueCheck } from './shape.ts';

const ok: Problem[] = [];

export const isString = (max = Infinity): ValueCheck => (value, path) => {
  if (typeof value !== 'string') return [problem('wrong-type', path, max === Infinity ? 'must be a string' : `must be a string of at most ${max} characters`)];
  return value.length > max ? [problem('too-long', path, `must be a string of at most ${max} characters`)] : ok;
};

export const isId: ValueCheck = (value, path) =>
  isValidId(value) ? ok : [problem('wrong-type', path, 'must be an id of [A-Za-z0-9._-]{1,64}')];

export const isNumber: ValueCheck = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? ok : [problem('wrong-type', path, 'must be a number')];

export const isBoolean: ValueCheck = (value, path) => (typeof value === 'boolean' ? ok : [problem('wrong-type', path, 'must be true or false')]);

export const isTrue: ValueCheck = (value, path) => (value === true ? ok : [problem('wrong-type', path, 'must be true')]);

export const oneOf = (allowed: readonly string[]): ValueCheck => (value, path) =>
  typeof value === 'string' && allowed.includes(value) ? ok : [problem('invalid-value', path, `must be one of ${allowed.join(', ')}`)];

/** A JSON array of at most `max` items, each accepted by `item`; `what` names an item for the message. */
export const listOf = (max: number, item: (value: unknown) => boolean, what: string): ValueCheck => (value, path) =>
  Array.isArray(value) && value.length <= max && value.every(item) ? ok : [problem('wrong-type', path, `must be a list of at most ${max} ${what}`)];
