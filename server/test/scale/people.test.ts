/**
 * The people directory across instances sharing PostgreSQL and Redis: someone who connects on one
 * instance is in the directory on the other, with one entry (one joinedAt) however many instances
 * saw them, and another org still never sees them.
 */
import { getPerson, listPeople } from '@concord/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../helpers/child-server.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { useSharedBackends } from '../helpers/shared-backends.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

describe('people on two instances', () => {
  const backends = useSharedBackends();
  let one: ChildServer;
  let two: ChildServer;

  const open = async (server: ChildServer, name: string, sub: string, org = 'acme') => {
    const client = connect(server.wsUrl, name, await signToken({ sub, name: sub.toUpperCase(), org }));
    backends.track(client);
    await client.synced();
    return client;
  };

  beforeAll(async () => {
    [one, two] = await Promise.all([backends.start(), backends.start()]);
  });

  it('lists someone who connected on the other instance, once, and keeps them from another org', async () => {
    await open(one, 'acme:channel:general', 'bo');
    const anaOnTwo = await open(two, 'acme:workspace:main', 'ana');
    const bo = await waitFor(() => getPerson(anaOnTwo.doc, 'bo'), 'bo in the directory on instance two');
    expect(bo).toMatchObject({ name: 'BO', role: 'editor' });

    // Bo on instance two as well: that instance finds his entry and leaves it (it is fresh). Dee's,
    // written after it by the same instance, shows when that has happened.
    await open(two, 'acme:notes:plan', 'bo');
    await open(two, 'acme:notes:plan', 'dee');
    await waitFor(() => getPerson(anaOnTwo.doc, 'dee'), 'dee in the directory on instance two');
    expect(getPerson(anaOnTwo.doc, 'bo')).toEqual(bo);

    const cyOnOne = await open(one, 'acme:workspace:main', 'cy');
    await waitFor(() => getPerson(cyOnOne.doc, 'cy') && getPerson(cyOnOne.doc, 'dee'), 'cy and dee in the directory on instance one');
    expect(getPerson(cyOnOne.doc, 'bo')).toEqual(bo);
    expect(listPeople(cyOnOne.doc).map((p) => p.id)).toEqual(['ana', 'bo', 'cy', 'dee']);

    const zed = await open(one, 'globex:workspace:main', 'zed', 'globex');
    await waitFor(() => getPerson(zed.doc, 'zed'), 'zed in globex’s directory');
    expect(listPeople(zed.doc).map((p) => p.id)).toEqual(['zed']);
  }, 60_000);
});
