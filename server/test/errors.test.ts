import { ERROR_CODES, parseRefusalReason, postMessage, type ErrorCode } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { ConcordError } from '../src/errors.ts';
import { useServer } from './helpers/fixture.ts';
import { waitFor } from './helpers/wait.ts';

const fixture = useServer();

describe('refusals speak the shared error table', () => {
  it('gives every code the close code and HTTP status of its row, and a reason the client reads back', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const error = new ConcordError(code, 'the detail');
      expect(error.code).toBe(ERROR_CODES[code].closeCode);
      expect(error.httpStatus).toBe(ERROR_CODES[code].httpStatus);
      expect(parseRefusalReason(error.reason)).toEqual({ code, detail: 'the detail', action: ERROR_CODES[code].clientAction });
    }
  });

  it("closes a document with reasons the web client maps to its actions: another org's document, an impersonating update", async () => {
    const outsider = await fixture.client('globex:notes:plans', { sub: 'ana', org: 'acme' });
    const denied = await waitFor(() => outsider.refusals[0], 'the refusal of another org');
    expect(parseRefusalReason(denied)).toMatchObject({ code: 'forbidden', action: 'tell-user' });

    const writer = await fixture.synced('acme:channel:errors', { sub: 'ana' });
    postMessage(writer.doc, { text: 'as someone else', authorId: 'ben', authorName: 'Ben' });
    const refused = await waitFor(() => writer.refusals.find((reason) => reason.includes(':')), 'the impersonation refusal');
    expect(parseRefusalReason(refused)).toMatchObject({ code: 'impersonation', action: 'drop-local-copy' });
  });
});
