/**
 * The group commit on its own, with a commit the test holds open: what shares a commit, in which
 * order, when each caller hears back, and what a failed commit takes with it.
 */
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/storage/group-commit.ts';
import { waitFor } from '../helpers/wait.ts';

interface HeldCommit {
  batch: readonly string[];
  succeed(): void;
  fail(error: Error): void;
}

/** A commit function that records every batch and leaves it in flight until the test settles it. */
function heldCommits() {
  const commits: HeldCommit[] = [];
  const commit = (batch: readonly string[]) =>
    new Promise<void>((resolve, reject) => commits.push({ batch: [...batch], succeed: resolve, fail: reject }));
  return { commits, commit };
}

/** Records when each promise settles, in order. */
function track(promises: Record<string, Promise<void>>): string[] {
  const settled: string[] = [];
  for (const [label, promise] of Object.entries(promises)) {
    promise.then(
      () => settled.push(`${label} ok`),
      (error: Error) => settled.push(`${label} ${error.message}`),
    );
  }
  return settled;
}

describe('group commit', () => {
  it('commits what is added in one turn together, in the order it was added', async () => {
    const batches: string[][] = [];
    const group = createGroupCommit<string>({ commit: async (batch) => void batches.push([...batch]) });
    await Promise.all(['a', 'b', 'c', 'd'].map((item) => group.add(item)));
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('holds what arrives while a commit is in flight for the next one, and answers each only after its own commit', async () => {
    const { commits, commit } = heldCommits();
    const group = createGroupCommit<string>({ commit });
    const settled = track({ a: group.add('a') });
    await waitFor(() => commits.length === 1, 'the first commit');
    const later = track({ b: group.add('b'), c: group.add('c') });
    await new Promise((resolve) => setImmediate(resolve));
    // b and c wait: one commit at a time.
    expect(commits).toHaveLength(1);

    commits[0]!.succeed();
    await waitFor(() => commits.length === 2, 'the second commit');
    expect(settled).toEqual(['a ok']);
    expect(later).toEqual([]);
    expect(commits[1]!.batch).toEqual(['b', 'c']);

    commits[1]!.succeed();
    await waitFor(() => later.length === 2, 'b and c');
    expect(later).toEqual(['b ok', 'c ok']);
  });

  it('rejects every item of a failed commit with its error, and commits the next batch on its own', async () => {
    const { commits, commit } = heldCommits();
    const group = createGroupCommit<string>({ commit });
    const first = track({ a: group.add('a'), b: group.add('b') });
    await waitFor(() => commits.length === 1, 'the first commit');
    const second = track({ c: group.add('c') });

    commits[0]!.fail(new Error('disk full'));
    await waitFor(() => commits.length === 2, 'the second commit');
    expect(first).toEqual(['a disk full', 'b disk full']);
    expect(commits[1]!.batch).toEqual(['c']);
    commits[1]!.succeed();
    await waitFor(() => second.length === 1, 'c');
    expect(second).toEqual(['c ok']);
  });

  it('rejects the batch when the commit throws before returning a promise', async () => {
    const group = createGroupCommit<string>({
      commit: (batch) => {
        if (batch.includes('bad')) throw new Error('constraint');
        return Promise.resolve();
      },
    });
    const results = await Promise.allSettled([group.add('x'), group.add('bad')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(group.add('y')).resolves.toBeUndefined();
  });

  it('bounds a batch by items and by bytes, a large item still going alone', async () => {
    const batches: string[][] = [];
    const group = createGroupCommit<string>({ commit: async (batch) => void batches.push([...batch]), maxItems: 2, maxBytes: 4, bytesOf: (item) => item.length });
    await Promise.all(['a', 'b', 'c', 'dddddd', 'e', 'ff', 'gg'].map((item) => group.add(item)));
    expect(batches).toEqual([['a', 'b'], ['c'], ['dddddd'], ['e', 'ff'], ['gg']]);
  });

  it('commits each item on its own with maxItems 1', async () => {
    const batches: string[][] = [];
    const group = createGroupCommit<string>({ commit: async (batch) => void batches.push([...batch]), maxItems: 1 });
    await Promise.all(['a', 'b', 'c'].map((item) => group.add(item)));
    expect(batches).toEqual([['a'], ['b'], ['c']]);
  });

  it('is idle only once nothing is queued or in flight', async () => {
    const { commits, commit } = heldCommits();
    const group = createGroupCommit<string>({ commit });
    await group.idle();
    void group.add('a');
    let idle = false;
    void group.idle().then(() => (idle = true));
    await waitFor(() => commits.length === 1, 'the commit');
    void group.add('b');
    commits[0]!.succeed();
    await waitFor(() => commits.length === 2, 'the second commit');
    expect(idle).toBe(false);
    commits[1]!.succeed();
    await waitFor(() => idle, 'idle');
  });
});
