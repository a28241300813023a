/**
 * Hocuspocus and crossws report refusals and socket errors with `console.error`, often with a
 * stack; Concord has already logged each refusal with its code. Route the console through the
 * structured logger instead: Hocuspocus's refusal notices at debug, anything else as it came.
 */
import { format } from 'node:util';
import type { Logger } from './logger.ts';

const REFUSAL_NOTICES = [/^closing connection /, /^\[(onAuthenticate|beforeHandleMessage|beforeHandleAwareness|onUpgrade|onRequest)\]/, /^WebSocket error for peer/];

export function routeConsoleToLogger(logger: Logger): () => void {
  const original = { error: console.error, warn: console.warn, log: console.log };
  console.error = (...args: unknown[]) => {
    const text = format(...args);
    if (REFUSAL_NOTICES.some((pattern) => pattern.test(text))) logger.debug({ source: 'hocuspocus' }, text);
    else logger.error({ source: 'console' }, text);
  };
  console.warn = (...args: unknown[]) => logger.warn({ source: 'console' }, format(...args));
  console.log = (...args: unknown[]) => logger.info({ source: 'console' }, format(...args));
  return () => Object.assign(console, original);
}
