import { describe, expect, it } from 'vitest';
import { createSealer } from '../../src/auth/sealed.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { ConcordError } from '../../src/errors.ts';
import { waitFor } from '../helpers/wait.ts';

const SECRET = 'sealed-test-secret-0123456789abcdef';
const user = { sub: 'ana', name: 'Ana', org: 'acme', role: 'editor' as const };

describe('sealed values (the sign-in cookies)', () => {
  it('unseals what it sealed, and the browser cannot read it', async () => {
    const sealer = createSealer<typeof user>(SECRET, 'session');
    const sealed = await sealer.seal(user, 60);
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('ana');
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('Ana');
    expect(await sealer.unseal(sealed)).toEqual(user);
  });

  it('refuses a value for another purpose, under another secret, altered, missing or malformed', async () => {
    const sealed = await createSealer<typeof user>(SECRET, 'session').seal(user, 60);
    expect(await createSealer(SECRET, 'login').unseal(sealed)).toBeNull();
    expect(await createSealer(`${SECRET}-other`, 'session').unseal(sealed)).toBeNull();
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] ^= 1;
    parts[3] = ciphertext.toString('base64url');
    expect(await createSealer(SECRET, 'session').unseal(parts.join('.'))).toBeNull();
    expect(await createSealer(SECRET, 'session').unseal(undefined)).toBeNull();
    expect(await createSealer(SECRET, 'session').unseal('not-a-jwe')).toBeNull();
  });

  it('refuses a value past its expiry', async () => {
    const sealer = createSealer<typeof user>(SECRET, 'session');
    const sealed = await sealer.seal(user, 1);
    expect(await sealer.unseal(sealed)).toEqual(user);
    await waitFor(async () => (await sealer.unseal(sealed)) === null, 'the sealed value to expire', 5_000, 100);
  });

  it('is never accepted as a Concord token, though made with the same secret', async () => {
    const sealed = await createSealer<typeof user>(SECRET, 'session').seal(user, 60);
    await expect(createTokenService({ secret: SECRET }).verify(sealed)).rejects.toThrow(ConcordError);
    await expect(createTokenService({ secret: SECRET }).verify(sealed)).rejects.toMatchObject({ errorCode: 'unauthorized' });
  });
});
