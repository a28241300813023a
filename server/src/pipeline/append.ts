/**
 * The append stage: acknowledged means durable (docs/PROTOCOL.md, "Sync and acknowledgement").
 * A client's update is in the document's log before anyone sees it or is told it is saved;
 * appends that arrive while a commit is in flight share the next one (storage/group-commit.ts). A
 * failed append refuses the update with `storage-unavailable`: the client keeps its change and
 * resends it after reconnecting.
 */
import { ConcordError, isConcordError } from '../errors.ts';
import type { DocumentLog } from '../extensions/durable-log.ts';
import type { Logger } from '../logger.ts';
import type { CheckedUpdate } from './check.ts';

export type Appended = { ok: true; update: CheckedUpdate } | { ok: false; refusal: ConcordError };

export async function append(log: Pick<DocumentLog, 'append'>, update: CheckedUpdate, logger: Logger): Promise<Appended> {
  try {
    await log.append(update.documentName, update.update);
    return { ok: true, update };
  } catch (error) {
    logger.error({ err: error, documentName: update.documentName }, 'append failed; refusing the update');
    return { ok: false, refusal: isConcordError(error) ? error : new ConcordError('storage-unavailable') };
  }
}
