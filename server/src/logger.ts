import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/**
 * Structured JSON logs on stdout, written synchronously. pino's default asynchronous destination
 * flushes what it still holds with a blocking loop on exit, and that loop retries a write to a
 * closed pipe forever (sonic-boom 4): a server whose log reader had gone (a test runner that
 * died, a log shipper that stopped) never finished stopping. A synchronous write that meets a
 * closed pipe fails at once, and pino then drops further lines instead of retrying.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'concord' } }, pino.destination({ dest: 1, sync: true }));
}
