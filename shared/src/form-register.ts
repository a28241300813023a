/**
 * The multi-value register behind every business field (docs/PROTOCOL.md, "Business fields"), as
 * pure functions over the field's writes (writeId → FieldWrite). A write supersedes the heads its
 * author saw; the heads are the writes no other write supersedes; several heads = a conflict, shown
 * as the newest by (`at`, then writeId) until someone resolves it. A reference to a pruned write is
 * ignored.
 */
export type FieldValue = string | number | boolean | null;
export type Resolution = 'local' | 'remote' | 'merged';
export const RESOLUTIONS: readonly Resolution[] = ['local', 'remote', 'merged'];

export interface FieldWrite {
  value: FieldValue;
  by: string;
  byName: string;
  at: number;
  supersedes: string[];
  resolution?: Resolution;
}

export interface Candidate {
  writeId: string;
  value: FieldValue;
  by: string;
  byName: string;
  at: number;
}

export interface RegisterState {
  /** Shown value: the only head, or the newest head while in conflict; null when never written. */
  value: FieldValue;
  conflict: boolean;
  /** Every head, newest first (one entry when not in conflict, none when never written). */
  candidates: Candidate[];
}

export type Writes = ReadonlyMap<string, FieldWrite>;

export function supersededIds(writes: Writes): Set<string> {
  const superseded = new Set<string>();
  for (const write of writes.values()) for (const id of write.supersedes) superseded.add(id);
  return superseded;
}

/** Head write ids, newest first by (at, writeId). */
export function headIds(writes: Writes): string[] {
  const superseded = supersededIds(writes);
  return [...writes.keys()].filter((id) => !superseded.has(id)).sort((a, b) => compareNewestFirst(a, writes.get(a)!, b, writes.get(b)!));
}

export function registerState(writes: Writes): RegisterState {
  const candidates = headIds(writes).map((writeId) => toCandidate(writeId, writes.get(writeId)!));
  return { value: candidates[0]?.value ?? null, conflict: candidates.length > 1, candidates };
}

/** Superseded writes no head refers to: safe to delete without changing the state. */
export function prunableIds(writes: Writes): string[] {
  const heads = headIds(writes);
  const referencedByHeads = new Set(heads.flatMap((id) => writes.get(id)!.supersedes));
  const superseded = supersededIds(writes);
  return [...writes.keys()].filter((id) => superseded.has(id) && !referencedByHeads.has(id)).sort();
}

function toCandidate(writeId: string, write: FieldWrite): Candidate {
  return { writeId, value: write.value, by: write.by, byName: write.byName, at: write.at };
}

function compareNewestFirst(aId: string, a: FieldWrite, bId: string, b: FieldWrite): number {
  if (a.at !== b.at) return b.at - a.at;
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}
