import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotConcord } from '../src/snapshot.ts';

describe('--concord-rev snapshots', () => {
  // server/ and shared/ archived passed execFileSync's default 1 MiB output buffer (ENOBUFS).
  it('extracts a revision of server/ and shared/ however large their archive is', () => {
    const snapshot = snapshotConcord('HEAD');
    try {
      expect(snapshot.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(existsSync(join(snapshot.root, 'server/src/main.ts'))).toBe(true);
      expect(existsSync(join(snapshot.root, 'node_modules/@concord/shared/package.json'))).toBe(true);
    } finally {
      rmSync(snapshot.root, { recursive: true, force: true });
    }
  });
});
