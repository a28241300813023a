import { describe, expect, it } from 'vitest';
import { ERROR_CODES, formatRefusalReason, isErrorCode, parseRefusalReason, type ErrorCode } from '../src/index.ts';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('the error table', () => {
  it('gives every code an application close code, an HTTP error status and a client action', () => {
    for (const code of codes) {
      const row = ERROR_CODES[code];
      expect(row.closeCode, code).toBeGreaterThanOrEqual(4000);
      expect(row.closeCode, code).toBeLessThan(5000);
      expect(row.httpStatus, code).toBeGreaterThanOrEqual(400);
      expect(row.httpStatus, code).toBeLessThan(600);
      expect(['drop-local-copy', 'retry', 'renew', 'sign-in', 'tell-user'], code).toContain(row.clientAction);
      expect(['socket', 'document', 'none'], code).toContain(row.closes);
    }
  });

  it('closes the whole socket only where what follows on it cannot be trusted or must be resent', () => {
    const closes = (what: string) => codes.filter((code) => ERROR_CODES[code].closes === what).sort();
    expect(closes('socket')).toEqual(['malformed-frame', 'storage-unavailable']);
    expect(closes('none')).toEqual(['read-only']);
  });

  it('reads back every refusal reason as its code, detail and the action the table gives it', () => {
    for (const code of codes) {
      expect(parseRefusalReason(formatRefusalReason(code, 'messages/#/text: too long'))).toEqual({
        code,
        detail: 'messages/#/text: too long',
        action: ERROR_CODES[code].clientAction,
      });
    }
  });

  it('keeps a reason within what a WebSocket close frame carries, code first', () => {
    const reason = formatRefusalReason('invalid-update', 'x'.repeat(500));
    expect(reason.length).toBeLessThanOrEqual(123);
    expect(reason.startsWith('invalid-update: ')).toBe(true);
  });

  it('retries on a code it does not know and reads a plain close as no refusal', () => {
    expect(parseRefusalReason('some-new-code: from a newer server')).toMatchObject({ code: 'some-new-code', action: 'retry' });
    expect(parseRefusalReason('')).toBeNull();
    expect(parseRefusalReason(undefined)).toBeNull();
    expect(parseRefusalReason('Connection Timeout')).toBeNull();
  });

  it('knows only codes the server sends', () => {
    expect(isErrorCode('invalid-name')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('read-only')).toBe(true);
  });
});
