/**
 * `POST /api/files` (README, Files) with upload progress, which `fetch` does not report: the bytes
 * go as the raw body with their own type, the name in the query.
 */
import { ApiError } from './requestJson.ts';

export interface UploadedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** A signed link, valid for at least 24 h; messages keep the stable `/api/files/:id` instead. */
  url: string;
}

/** A refusal or failure; `retryable` when trying again later may work (offline, busy, expired token). */
export class UploadError extends ApiError {
  constructor(
    code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(code, message);
  }
}

const RETRYABLE_CODES = new Set(['offline', 'token-expired', 'storage-unavailable', 'rate-limited']);

export function uploadFile(token: string, file: Blob, name: string, onProgress: (sentBytes: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/files?name=${encodeURIComponent(name)}`);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.responseType = 'json';
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      const body = request.response as Partial<UploadedFile & { error: string; message: string }> | null;
      if (request.status === 201 && body?.id) return resolve(body as UploadedFile);
      const code = typeof body?.error === 'string' ? body.error : `http-${request.status}`;
      const retryable = RETRYABLE_CODES.has(code) || request.status >= 500;
      reject(new UploadError(code, typeof body?.message === 'string' ? body.message : `The server answered ${request.status}.`, retryable));
    };
    request.onerror = () => reject(new UploadError('offline', 'The server cannot be reached.', true));
    request.send(file);
  });
}
