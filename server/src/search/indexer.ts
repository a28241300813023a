/**
 * Keeps the search index up to date (README "Search") off the acknowledgement path: a change only
 * marks its document dirty; a background job re-indexes a dirty document once it has gone the
 * debounce without a change or, if it keeps changing, once its oldest unindexed change is the
 * longest wait old; one document at a time, yielding between them. At start every stored document
 * whose state differs from the one it was indexed at is indexed again, so a missing or stale index
 * rebuilds itself from storage. Projections (projection.ts, such as the records list) ride along:
 * the same document read feeds them, each with its own remembered state. A document read from
 * storage once everything derived from it is written is recorded with its storage version, and the
 * next catch-up does not read it again while storage lists the same version: starting with thousands
 * of unchanged documents reads none of them (docs/BENCHMARKS.md, "Search catch-up at start").
 */
import type { Extension, onChangePayload } from '@hocuspocus/server';
import { parseDocName } from '@concord/shared';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import type { Logger } from '../logger.ts';
import { extractEntries, isSearchKind, messageEntry, type MessageLike } from './extract.ts';
import type { IndexedDocument, SearchEntry, SearchIndex } from './index.ts';
import type { DocumentProjection } from './projection.ts';

export interface IndexerOptions {
  index: SearchIndex;
  source: () => DocumentSource;
  logger: Logger;
  /** Whether other instances append to the same storage (then each indexes only its own changes). */
  sharedStorage: boolean;
  /** A dirty document is indexed once it has had no change for this long… */
  debounceMs?: number;
  /** …or once its first change not yet indexed is this old, if it keeps changing. */
  maxWaitMs?: number;
  /** Tables kept from the same changes, such as the records list (records/). */
  projections?: readonly DocumentProjection[];
}

const DEFAULT_DEBOUNCE_MS = 500;
/**
 * A page's pass reads and rewrites all of its text, so one being typed into without a pause was
 * indexed every debounce at a cost growing with the page (docs/BENCHMARKS.md, issue 12, "Trace
 * replay: what grew"); it now waits for a pause, up to this long: with the pass itself, still
 * within the 2 s an edit may take to become searchable.
 */
const DEFAULT_MAX_WAIT_MS = 1_500;
/** A pass that took t waits at least t × this before the next one. */
const DRAIN_SPACING = 9;
/** Documents whose indexed entries are remembered (as digests), so a change rewrites only what changed. */
const REMEMBERED_DOCUMENTS = 1_000;
const ARCHIVE_PAGE = 500;

export interface Indexer {
  extension: Extension;
  /** Indexes every stored document the index is behind on. */
  catchUp(): Promise<void>;
  /** Resolves once nothing is dirty or being indexed (shutdown, tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createIndexer(options: IndexerOptions): Indexer {
  const { index, logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const maxWaitMs = Math.max(debounceMs, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  // name → when its first change not yet indexed and its last change came (performance.now()).
  const dirty = new Map<string, { first: number; last: number }>();
  const dueAt = (marks: { first: number; last: number }): number => Math.min(marks.last + debounceMs, marks.first + maxWaitMs);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let catching: Promise<void> | undefined;
  // name → anchor → digest of the entry as indexed by this process.
  const indexed = new Map<string, Map<string, string>>();

  /** Writes what changed since this process last indexed the document, or everything. */
  async function write(doc: IndexedDocument, entries: readonly SearchEntry[], state: Uint8Array): Promise<void> {
    const digests = new Map(entries.map((e) => [e.anchor, digest(e)]));
    const before = indexed.get(doc.name);
    indexed.delete(doc.name);
    if (before) {
      const changed = entries.filter((e) => before.get(e.anchor) !== digests.get(e.anchor));
      const removed = [...before.keys()].filter((anchor) => !digests.has(anchor));
      await index.changeDocument(doc, changed, removed, state);
    } else {
      await index.replaceDocument(doc, entries, state);
    }
    if (indexed.size >= REMEMBERED_DOCUMENTS) indexed.delete(indexed.keys().next().value!);
    indexed.set(doc.name, digests);
  }

  function indexedDocument(name: string): IndexedDocument | null {
    const parsed = parseDocName(name);
    if (!parsed.ok || !isSearchKind(parsed.name.kind)) return null;
    return { name, org: parsed.name.org, kind: parsed.name.kind };
  }

  async function indexOne(doc: IndexedDocument, onlyIfStale: boolean): Promise<void> {
    const { name } = doc;
    const known = await index.indexedState(name);
    const projections = (options.projections ?? []).filter((p) => p.accepts(doc));
    const projected = await Promise.all(projections.map((p) => p.projectedState(name)));
    const read = await withDocument(options.source(), name, (ydoc, version) => {
      const state = Y.encodeStateVector(ydoc);
      const current = (seen: Uint8Array | null | undefined) => onlyIfStale && !!seen && Buffer.from(seen).equals(state);
      const writes = projections.filter((_, i) => !current(projected[i])).map((p) => p.project(doc, ydoc, state));
      const entries = current(known?.state) ? null : extractEntries(doc.kind, ydoc, Date.now());
      return { state, entries, writes, version };
    });
    for (const write of read.writes) await write();
    if (read.entries) {
      await write(doc, read.entries, read.state);
      if (doc.kind === 'channel') await indexArchive(doc, known?.archivedThrough ?? null);
    }
    // Only a version from the same read as the document, and only once all it fed is written: a
    // failure before leaves the old version, and the next start reads the document again. The live
    // copy has none (documents/read.ts): it may lack an update that storage already counts, and
    // recording that version would skip the update at every start until the document changed again.
    if (read.version !== null) await index.recordCaughtUp(name, read.version);
  }

  /** Archived messages newer than the last one indexed, newest first, page by page. */
  async function indexArchive(doc: IndexedDocument, through: string | null): Promise<void> {
    const { storage } = options.source();
    let before: string | undefined;
    let newest: string | undefined;
    for (;;) {
      const page = await storage.listArchive(doc.name, { before, limit: ARCHIVE_PAGE });
      const known = through === null ? -1 : page.findIndex((m) => m.id === through);
      const fresh = known === -1 ? page : page.slice(0, known);
      newest ??= page[0]?.id;
      const entries = fresh.map((m) => messageEntry(m.message as MessageLike)).filter((e): e is SearchEntry => e !== null);
      if (newest && fresh.length > 0) await index.addArchived(doc, entries, newest);
      if (page.length < ARCHIVE_PAGE || known !== -1) return;
      before = page[page.length - 1]!.id;
    }
  }

  async function catchUp(): Promise<void> {
    const started = performance.now();
    const versions = await options.source().storage.listDocumentVersions();
    const caughtUp = await index.caughtUpVersions();
    const projections = options.projections ?? [];
    const projected = await Promise.all(projections.map((p) => p.projectedDocuments()));
    let unchanged = 0;
    let read = 0;
    for (const [name, version] of versions) {
      if (stopped) return;
      const doc = indexedDocument(name);
      if (!doc) continue;
      if (caughtUp.get(name) === version && projections.every((p, i) => !p.accepts(doc) || projected[i]!.has(name))) {
        unchanged += 1;
        continue;
      }
      read += 1;
      try {
        await indexOne(doc, true);
      } catch (error) {
        logger.error({ err: error, documentName: name }, 'indexing for search failed');
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    logger.info({ unchanged, read, ms: Math.round(performance.now() - started) }, 'search catch-up done');
  }

  /**
   * One pass over the documents due when it started. A document edited during the pass waits for
   * the next one: taking it again at once kept a document edited faster than it is indexed in an
   * endless pass, indexed back to back instead of once per debounce.
   */
  async function drain(): Promise<void> {
    const now = performance.now();
    const names = [...dirty].filter(([, marks]) => dueAt(marks) <= now).map(([name]) => name);
    for (const name of names) dirty.delete(name);
    for (const name of names) {
      if (stopped) return;
      const doc = indexedDocument(name);
      if (!doc) continue;
      try {
        await indexOne(doc, false);
      } catch (error) {
        logger.error({ err: error, documentName: name }, 'indexing for search failed');
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  // Indexing runs on the event loop that acknowledges edits: a document that takes long to index
  // (a long page rewritten on every pass) waits proportionally longer for its next pass, so indexing
  // takes at most about a tenth of the time however fast it is edited (docs/BENCHMARKS.md, issue 12).
  let nextDrainAllowed = 0;

  function schedule(): void {
    if (timer || stopped || dirty.size === 0) return;
    let due = Infinity;
    for (const marks of dirty.values()) due = Math.min(due, dueAt(marks));
    timer = setTimeout(() => {
      timer = undefined;
      if (running) return void running.then(schedule);
      const started = performance.now();
      running = drain().finally(() => {
        running = undefined;
        const ended = performance.now();
        nextDrainAllowed = ended + (ended - started) * DRAIN_SPACING;
        schedule();
      });
    }, Math.max(0, due - performance.now(), nextDrainAllowed - performance.now()));
    timer.unref();
  }

  return {
    extension: {
      extensionName: 'concord-search-indexer',
      // Same rule as the durable log: index what this instance appended.
      async onChange({ transactionOrigin, documentName }: onChangePayload) {
        const source = (transactionOrigin as { source?: string } | null)?.source;
        if (source === 'redis' && options.sharedStorage) return;
        const now = performance.now();
        // Already marked: most changes to a document being edited are, and need no parsing.
        const marks = dirty.get(documentName);
        if (marks) {
          marks.last = now;
          return;
        }
        if (!indexedDocument(documentName)) return;
        dirty.set(documentName, { first: now, last: now });
        schedule();
      },
    },
    catchUp() {
      catching ??= catchUp();
      return catching;
    },
    async idle() {
      await catching;
      while (timer || running || dirty.size > 0) {
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, debounceMs));
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      await catching?.catch(() => undefined);
    },
  };
}

/** Without `at`: a page's entry keeps the time its text last changed, not the time of any edit. */
function digest(entry: SearchEntry): string {
  return createHash('sha1').update(`${entry.title}\u0000${entry.body}`).digest('base64');
}
