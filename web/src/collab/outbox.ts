/**
 * Chat messages with attachments wait here until their files are uploaded (README, Files): a post is
 * kept in IndexedDB with its files, each file is uploaded (with progress), and only then is the
 * message posted to the channel, referring to the files by their stable `/api/files/:id`. Offline,
 * or when the server is busy, a post waits and is tried again when the connection is back or after a
 * growing delay; a refused file (too large, not allowed) fails that post, which the user may remove.
 * Posts go out in the order they were sent.
 */
import { findMessage, filePath, isInlineImageType, postMessage, type Attachment } from '@concord/shared';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocketStatus } from '@hocuspocus/provider';
import { uploadFile as defaultUpload, UploadError } from '../api/uploadFile.ts';
import type { TokenSource } from '../auth/tokenSource.ts';
import type { DocumentRegistry, DocumentState } from './documentRegistry.ts';
import { createMemoryOutboxStore, openOutboxStore, type OutboxFile, type OutboxPost, type OutboxStore } from './outboxStore.ts';

export type { OutboxFile, OutboxPost };

export type OutboxStatus = 'waiting' | 'uploading' | 'failed';

export interface OutboxItem {
  post: OutboxPost;
  status: OutboxStatus;
  /** Bytes of each file (by key) the server has received in the current attempt. */
  sentBytes: Readonly<Record<string, number>>;
  /** Why the last attempt did not finish. */
  error?: string;
}

export interface Outbox {
  items(): readonly OutboxItem[];
  subscribe(listener: () => void): () => void;
  send(channel: string, message: OutboxPost['message'], files: readonly File[]): Promise<void>;
  /** Drops a post that is not being uploaded right now. */
  discard(id: string): Promise<void>;
  destroy(): void;
}

export interface OutboxOptions {
  databaseName: string;
  registry: DocumentRegistry;
  socket: HocuspocusProviderWebsocket;
  tokens: TokenSource;
  newId: () => string;
  upload?: typeof defaultUpload;
}

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 30_000;

export function createOutbox(options: OutboxOptions): Outbox {
  const upload = options.upload ?? defaultUpload;
  const listeners = new Set<() => void>();
  let items: OutboxItem[] = [];
  let draining = false;
  let drainAgain = false;
  let destroyed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelayMs = FIRST_RETRY_MS;

  const notify = () => listeners.forEach((listener) => listener());
  const patch = (id: string, change: Partial<OutboxItem>) => {
    items = items.map((item) => (item.post.id === id ? { ...item, ...change } : item));
    notify();
  };
  const remove = (id: string) => {
    items = items.filter((item) => item.post.id !== id);
    notify();
  };

  const ready: Promise<OutboxStore> = openOutboxStore(options.databaseName).catch(() => createMemoryOutboxStore());
  void ready.then(async (store) => {
    const stored = await store.all();
    if (destroyed) return;
    const sentMeanwhile = new Set(items.map((item) => item.post.id));
    const restored = stored.filter((post) => !sentMeanwhile.has(post.id)).sort((a, b) => a.createdAt - b.createdAt);
    items = [...restored.map((post) => ({ post, status: 'waiting' as const, sentBytes: {} })), ...items];
    notify();
    void drain();
  });

  function retrySoon() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void drain(), retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, LAST_RETRY_MS);
  }

  function retryNow() {
    clearTimeout(retryTimer);
    retryDelayMs = FIRST_RETRY_MS;
    void drain();
  }

  async function drain(): Promise<void> {
    if (draining) return void (drainAgain = true);
    draining = true;
    try {
      const store = await ready;
      for (const { post, status } of items) {
        if (destroyed) return;
        if (status === 'failed' || !items.some((item) => item.post.id === post.id)) continue;
        if (!(await deliver(store, post))) return retrySoon();
      }
      retryDelayMs = FIRST_RETRY_MS;
    } finally {
      draining = false;
      if (drainAgain && !destroyed) {
        drainAgain = false;
        void drain();
      }
    }
  }

  /** Uploads what is left of a post, then posts it. False when it must wait for a later attempt. */
  async function deliver(store: OutboxStore, post: OutboxPost): Promise<boolean> {
    let current = post;
    for (const file of post.files) {
      if (file.uploaded) continue;
      patch(post.id, { status: 'uploading', sentBytes: {} });
      let attachment: Attachment;
      try {
        const token = await options.tokens.token();
        const uploaded = await upload(token, file.blob, file.name, (sent) => patch(post.id, { sentBytes: { ...sentBytesOf(post.id), [file.key]: sent } }));
        attachment = { id: uploaded.id, name: uploaded.name, type: uploaded.type, size: uploaded.size, url: filePath(uploaded.id) };
      } catch (error) {
        const failure = error instanceof UploadError ? error : new UploadError('failed', String(error), true);
        if (failure.code === 'token-expired') await options.tokens.renew().catch(() => null);
        patch(post.id, { status: failure.retryable ? 'waiting' : 'failed', error: failure.message });
        // A refused post does not hold back the ones after it; one that can work later does.
        return !failure.retryable;
      }
      if (!items.some((item) => item.post.id === post.id)) return true;
      current = { ...current, files: current.files.map((f) => (f.key === file.key ? { ...f, uploaded: attachment } : f)) };
      await store.put(current);
      patch(post.id, { post: current });
    }
    if (!items.some((item) => item.post.id === post.id)) return true;
    await postToChannel(current);
    await store.delete(post.id);
    remove(post.id);
    return true;
  }

  const sentBytesOf = (id: string) => items.find((item) => item.post.id === id)?.sentBytes ?? {};

  async function postToChannel(post: OutboxPost): Promise<void> {
    const { registry } = options;
    registry.acquire(post.channel);
    try {
      // Posted after the local copy is loaded, so it goes after the messages already there.
      const { doc } = await loaded(registry, post.channel);
      // A post that was made before a reload cut the outbox short is not made twice.
      if (!findMessage(doc, post.id)) {
        const attachments = post.files.map((file) => file.uploaded!);
        postMessage(doc, {
          ...post.message,
          id: post.id,
          createdAt: post.createdAt,
          kind: attachments.every((a) => isInlineImageType(a.type)) ? 'image' : 'file',
          attachments,
        });
      }
      await registry.persisted(post.channel);
    } finally {
      registry.release(post.channel);
    }
  }

  const onStatus = () => options.socket.status === WebSocketStatus.Connected && retryNow();
  const onOnline = () => retryNow();
  options.socket.on('status', onStatus);
  window.addEventListener('online', onOnline);

  return {
    items: () => items,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async send(channel, message, files) {
      const post: OutboxPost = {
        id: options.newId(),
        channel,
        createdAt: Date.now(),
        message,
        files: files.map((file, i) => ({ key: String(i), name: file.name || `file-${i + 1}`, type: file.type, size: file.size, blob: file })),
      };
      items = [...items, { post, status: 'waiting', sentBytes: {} }];
      notify();
      await (await ready).put(post);
      retryNow();
    },
    async discard(id) {
      if (items.find((item) => item.post.id === id)?.status === 'uploading') return;
      remove(id);
      await (await ready).delete(id);
    },
    destroy() {
      destroyed = true;
      clearTimeout(retryTimer);
      options.socket.off('status', onStatus);
      window.removeEventListener('online', onOnline);
      listeners.clear();
      void ready.then((store) => store.close());
    },
  };
}

function loaded(registry: DocumentRegistry, name: string): Promise<DocumentState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = registry.get(name);
      if (!state?.loaded) return;
      unsubscribe();
      resolve(state);
    };
    const unsubscribe = registry.subscribe(check);
    check();
  });
}
