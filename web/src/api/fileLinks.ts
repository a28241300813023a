/**
 * Signed links to files for `<img src>` and downloads (README, Files). Messages keep a file's stable
 * `/api/files/:id`; a link is asked for with `GET /api/files/:id/info` and kept until shortly before
 * it expires. A link is the same URL all day, so the browser's cache serves repeated views.
 */
import { requestJson } from './requestJson.ts';
import type { UploadedFile } from './uploadFile.ts';

export interface FileLinks {
  /** The file's description with a valid signed `url`. */
  get(id: string): Promise<UploadedFile>;
  /** What is known already, without asking. */
  peek(id: string): UploadedFile | undefined;
}

/** A link is asked for again this long before it expires. */
const RENEW_BEFORE_MS = 3_600_000;

export function createFileLinks(token: () => Promise<string>): FileLinks {
  const known = new Map<string, { file: UploadedFile; expiresAt: number }>();
  const asking = new Map<string, Promise<UploadedFile>>();

  const fresh = (id: string) => {
    const entry = known.get(id);
    return entry && entry.expiresAt - RENEW_BEFORE_MS > Date.now() ? entry.file : undefined;
  };

  return {
    peek: fresh,
    get(id) {
      const cached = fresh(id);
      if (cached) return Promise.resolve(cached);
      let pending = asking.get(id);
      if (!pending) {
        pending = token()
          .then((value) => requestJson<UploadedFile>(value, `/api/files/${encodeURIComponent(id)}/info`))
          .then((file) => {
            const exp = Number(new URL(file.url, location.origin).searchParams.get('exp')) * 1000;
            known.set(id, { file, expiresAt: exp });
            return file;
          })
          .finally(() => asking.delete(id));
        asking.set(id, pending);
      }
      return pending;
    },
  };
}
