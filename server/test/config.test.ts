import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has the documented defaults and dev mode without a secret', () => {
    expect(loadConfig({})).toMatchObject({
      port: 1234, host: '127.0.0.1', dataDir: './data', durability: 'wal', maxMessageBytes: 1024 * 1024,
      rateLimitPerSecond: 100, maxConnectionsPerDoc: 200, maxConnectionsPerUser: 200, logLevel: 'info', devMode: true,
      allowTokensWithoutExp: false, maxFileBytes: 25 * 1024 * 1024,
    });
  });

  it('bounds files by MAX_FILE_BYTES', () => {
    expect(loadConfig({ MAX_FILE_BYTES: '1048576' }).maxFileBytes).toBe(1024 * 1024);
    expect(problemsOf({ MAX_FILE_BYTES: '0' })).toEqual([expect.stringMatching(/^MAX_FILE_BYTES: expected at least 1/)]);
    expect(problemsOf({ MAX_FILE_BYTES: '25MB' })).toEqual([expect.stringMatching(/^MAX_FILE_BYTES:/)]);
  });

  it('is never in dev mode when a secret or JWKS is configured', () => {
    expect(loadConfig({ AUTH_SECRET: 'x'.repeat(32) }).devMode).toBe(false);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json' }).devMode).toBe(false);
  });

  it('admits tokens without exp only when told to', () => {
    expect(loadConfig({ AUTH_ALLOW_TOKENS_WITHOUT_EXP: 'true' }).allowTokensWithoutExp).toBe(true);
    expect(loadConfig({ AUTH_ALLOW_TOKENS_WITHOUT_EXP: '0' }).allowTokensWithoutExp).toBe(false);
    expect(problemsOf({ AUTH_ALLOW_TOKENS_WITHOUT_EXP: 'yes' })).toEqual(['AUTH_ALLOW_TOKENS_WITHOUT_EXP: expected true or false (got "yes")']);
  });

  it('reads TRUST_PROXY as addresses and CIDR subnets', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ,fd00::/8' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/8', 'fd00::/129', '10.0.0.0/x']) {
      expect(problemsOf({ TRUST_PROXY: bad }), bad).toEqual([`TRUST_PROXY: expected comma-separated IP addresses or CIDR subnets (got ${JSON.stringify(bad)})`]);
    }
  });

  it('names each bad variable and what was expected', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT: expected an integer between 0 and 65535 (got "abc")']);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: expected at most 65535/);
    expect(problemsOf({ DURABILITY: 'sometimes' })[0]).toMatch(/^DURABILITY: expected "wal" or "fsync"/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL: expected a URL starting with postgres:/);
    expect(problemsOf({ AUTH_SECRET: 'short' })[0]).toMatch(/^AUTH_SECRET: expected a secret of at least 16 characters/);
    expect(problemsOf({ LOG_LEVEL: 'loud', MAX_MESSAGE_BYTES: '-1' })).toHaveLength(2);
  });

  it('stops the server with the message at start', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT: expected an integer between 0 and 65535 (got "not-a-port")');
  });
});
