import { describe, expect, it } from 'vitest';
import { formatDocName, inboxDocName, parseDocName, workspaceDocName } from '../src/names.ts';

describe('document names', () => {
  it('parses every kind', () => {
    for (const raw of ['acme:workspace:main', 'acme:channel:general', 'acme:meeting:m-1', 'acme:form:deal.42', 'acme:notes:n1', 'acme:inbox:ana']) {
      const result = parseDocName(raw);
      expect(result.ok, raw).toBe(true);
      if (result.ok) expect(formatDocName(result.name)).toBe(raw);
    }
  });

  it('refuses malformed names and unknown kinds with a code', () => {
    expect(parseDocName('acme:channel')).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
    expect(parseDocName('acme:channel:a:b')).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
    expect(parseDocName('ac me:channel:x')).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
    expect(parseDocName(`acme:channel:${'x'.repeat(65)}`)).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
    expect(parseDocName('acme:spreadsheet:x')).toMatchObject({ ok: false, problem: { code: 'unknown-kind' } });
    expect(parseDocName('acme:workspace:other')).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
    expect(parseDocName('acme:form:deal')).toMatchObject({ ok: false, problem: { code: 'malformed-name' } });
  });

  it("names an org's workspace and a user's inbox as the parser reads them", () => {
    expect(workspaceDocName('acme')).toBe('acme:workspace:main');
    expect(inboxDocName('acme', 'ana.b')).toBe('acme:inbox:ana.b');
    expect(parseDocName(workspaceDocName('acme'))).toEqual({ ok: true, name: { org: 'acme', kind: 'workspace', id: 'main' } });
    expect(parseDocName(inboxDocName('acme', 'ana.b'))).toEqual({ ok: true, name: { org: 'acme', kind: 'inbox', id: 'ana.b' } });
  });
});
