/**
 * The awareness ownership rules alone, for what the server tests cannot reach cheaply: the bound on
 * reserved client ids and frames that are refused as a whole.
 */
import { describe, expect, it } from 'vitest';
import { createAwarenessOwners } from '../../src/guards/awareness-owners.ts';

const state = (userId: string) => ({ user: { id: userId } });
const nobody = () => undefined;

describe('awareness owners', () => {
  it('reserves the client ids of closed connections for their user, forgetting the oldest past the bound', () => {
    const owners = createAwarenessOwners<object>({ maxClientsPerConnection: 1, reservedPerDocument: 2 });
    const document = {};
    for (const clientId of [1, 2, 3]) {
      const holder = {};
      expect(owners.admit(document, { holder, userId: `u${clientId}` }, [{ clientId, clock: 1, state: state(`u${clientId}`) }], nobody).ok).toBe(true);
      owners.release(document, holder);
    }
    const mal = { holder: {}, userId: 'mal' };
    expect(owners.admit(document, mal, [{ clientId: 3, clock: 2, state: state('mal') }], nobody)).toMatchObject({ ok: false, code: 'impersonation' });
    expect(owners.admit(document, mal, [{ clientId: 2, clock: 2, state: state('mal') }], nobody)).toMatchObject({ ok: false, code: 'impersonation' });
    expect(owners.admit(document, mal, [{ clientId: 1, clock: 2, state: state('mal') }], nobody)).toMatchObject({ ok: true, claimed: [1] });
  });

  it('claims nothing of a frame it refuses', () => {
    const owners = createAwarenessOwners<object>({ maxClientsPerConnection: 4, reservedPerDocument: 8 });
    const document = {};
    const speaker = { holder: {}, userId: 'ana' };
    const verdict = owners.admit(document, speaker, [{ clientId: 1, clock: 1, state: state('ana') }, { clientId: 2, clock: 1, state: state('bo') }], nobody);
    expect(verdict).toMatchObject({ ok: false, code: 'impersonation' });
    expect(owners.holds(document, speaker.holder, 1)).toBe(false);
    expect(owners.admit(document, { holder: {}, userId: 'bo' }, [{ clientId: 1, clock: 1, state: state('bo') }], nobody).ok).toBe(true);
  });

  it('leaves a client id held on another instance to the user its state names', () => {
    const owners = createAwarenessOwners<object>({ maxClientsPerConnection: 4, reservedPerDocument: 8 });
    const remote = (clientId: number) => (clientId === 5 ? 'ana' : clientId === 6 ? null : undefined);
    expect(owners.admit({}, { holder: {}, userId: 'mal' }, [{ clientId: 5, clock: 9, state: state('mal') }], remote)).toMatchObject({ ok: false, code: 'impersonation' });
    expect(owners.admit({}, { holder: {}, userId: 'mal' }, [{ clientId: 6, clock: 9, state: state('mal') }], remote)).toMatchObject({ ok: false, code: 'impersonation' });
    expect(owners.admit({}, { holder: {}, userId: 'ana' }, [{ clientId: 5, clock: 9, state: state('ana') }], remote)).toMatchObject({ ok: true, claimed: [5] });
  });
});
