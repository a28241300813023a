/**
 * Concord's extensions as one (server/src/extensions/combined.ts), run by Hocuspocus's own `hooks`:
 * the parts that have a hook run in list order, each awaited before the next; a rejection skips the
 * rest and reaches Hocuspocus; a hook whose result Hocuspocus reads keeps its one part's result, and
 * two parts with such a hook are refused.
 */
import { Hocuspocus, type Extension, type onChangePayload, type onAuthenticatePayload } from '@hocuspocus/server';
import { describe, expect, it } from 'vitest';
import { combined } from '../../src/extensions/combined.ts';

const change = {} as onChangePayload;

function recorder(calls: string[], name: string, wait?: Promise<void>): Extension {
  return {
    extensionName: name,
    async onChange() {
      calls.push(`${name} start`);
      await wait;
      calls.push(`${name} end`);
    },
  };
}

describe('extensions combined into one', () => {
  it('run the parts that have a hook in list order, each finished before the next starts', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const hocuspocus = new Hocuspocus({ extensions: [combined('c', [recorder(calls, 'a', slow), { extensionName: 'none' }, recorder(calls, 'b')])] });

    const done = hocuspocus.hooks('onChange', change);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['a start']);
    release();
    await done;
    expect(calls).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('skip the later parts once one rejects, and hand Hocuspocus the rejection', async () => {
    const calls: string[] = [];
    const failing: Extension = {
      async onChange() {
        throw new Error('refused');
      },
    };
    const hocuspocus = new Hocuspocus({ extensions: [combined('c', [failing, recorder(calls, 'after')])] });

    await expect(hocuspocus.hooks('onChange', change)).rejects.toThrow('refused');
    expect(calls).toEqual([]);
  });

  it('give Hocuspocus the one part’s result of a hook whose result it reads, called on that part', async () => {
    const part = {
      extensionName: 'auth',
      context: { userId: 'ana' },
      async onAuthenticate() {
        return this.context;
      },
    };
    const hocuspocus = new Hocuspocus({ extensions: [combined('c', [part, recorder([], 'other')])] });
    const results: unknown[] = [];

    await hocuspocus.hooks('onAuthenticate', {} as onAuthenticatePayload, (result: unknown) => results.push(result));
    // Then Hocuspocus's own configuration, last, which resolves to nothing.
    expect(results[0]).toEqual({ userId: 'ana' });
  });

  it('refuse two parts with a hook whose result Hocuspocus reads', () => {
    const authenticating = (name: string): Extension => ({ extensionName: name, onAuthenticate: async () => ({}) });
    expect(() => combined('c', [authenticating('one'), authenticating('two')])).toThrow(/onAuthenticate.*one, two/);
  });

  it('refuse two parts with onTokenSync, whose results Hocuspocus merges into the context', () => {
    const syncing = (name: string): Extension => ({ extensionName: name, onTokenSync: async () => ({}) });
    expect(() => combined('c', [syncing('one'), syncing('two')])).toThrow(/onTokenSync.*one, two/);
  });

  it('refuse a part with a priority, which one extension cannot keep', () => {
    expect(() => combined('c', [{ extensionName: 'ranked', priority: 1000 }])).toThrow(/ranked.*priority/);
  });
});
