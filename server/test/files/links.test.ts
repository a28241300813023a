import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileLinks } from '../../src/files/links.ts';

const HOUR = 3600 * 1000;

describe('signed file links', () => {
  const key = randomBytes(32);

  it('live between 24 and 48 hours, and are the same URL all day so browsers can cache them', () => {
    const midnight = Date.UTC(2026, 10, 25);
    const early = createFileLinks(key, () => midnight + 1).sign('abc');
    const late = createFileLinks(key, () => midnight + 24 * HOUR - 1).sign('abc');
    expect(late).toEqual(early);
    expect(early.expiresAt - (midnight + 1)).toBeLessThanOrEqual(48 * HOUR);
    expect(late.expiresAt - (midnight + 24 * HOUR - 1)).toBeGreaterThan(24 * HOUR);
    expect(createFileLinks(key, () => midnight + 24 * HOUR).sign('abc').url).not.toBe(early.url);
  });

  it('are accepted until they expire, and only for their id and key', () => {
    let now = Date.UTC(2026, 10, 25, 12);
    const links = createFileLinks(key, () => now);
    const { url, expiresAt } = links.sign('abc');
    const params = new URL(url, 'http://x').searchParams;
    const check = (id: string, using = links) => () => using.check(id, params.get('exp'), params.get('sig'));
    expect(check('abc')).not.toThrow();
    expect(check('abd')).toThrow(/signature is not valid/);
    expect(check('abc', createFileLinks(randomBytes(32), () => now))).toThrow(/signature is not valid/);
    now = expiresAt - 1;
    expect(check('abc')).not.toThrow();
    now = expiresAt;
    expect(check('abc')).toThrow(/expired/);
  });
});
