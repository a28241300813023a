/**
 * Refuse bad input cleanly (docs/PROTOCOL.md, "Errors"): every refusal — of a connection, a
 * message, a renewed token, a channel member who lost access, a WebSocket upgrade — is logged and
 * counted here, once, and closes what the error table's `closes` column says. Nothing of a refused
 * message is applied, stored or broadcast, and no other connection is touched.
 */
import { ERROR_CODES } from '@concord/shared';
import type { Connection } from '@hocuspocus/server';
import type { ConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

export type Refuse = (error: ConcordError, fields: Record<string, unknown>, connection?: Connection) => ConcordError;

/**
 * `refuse(error, fields, connection?)` returns the error, so a hook can throw it: Hocuspocus then
 * drops the message and what is queued behind it. Without a connection (an upgrade, a connection
 * being opened) only logging and counting are left to do; Hocuspocus answers the client.
 */
export function createRefuse({ logger, metrics }: { logger: Logger; metrics: Pick<Metrics, 'refusals'> }): Refuse {
  return (error, fields, connection) => {
    metrics.refusals.inc({ code: error.errorCode });
    logger.info({ code: error.errorCode, detail: error.detail, ...fields }, 'refused');
    if (connection) close(connection, error);
    return error;
  };
}

function close(connection: Connection, error: ConcordError): void {
  switch (ERROR_CODES[error.errorCode].closes) {
    case 'none':
      // Hocuspocus itself answers a viewer's update with "not synced" and drops it; this says why.
      connection.sendStateless(JSON.stringify({ type: 'refused', code: error.errorCode, message: error.detail }));
      return;
    case 'socket':
      connection.close({ code: error.code, reason: error.reason });
      // After this turn, so the document's close message goes out first.
      setImmediate(() => connection.webSocket.close(error.code, error.reason));
      return;
    case 'document':
      connection.close({ code: error.code, reason: error.reason });
  }
}
