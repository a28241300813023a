/**
 * The react stage: the server takes part (docs/ARCHITECTURE.md, "The server as a participant").
 * After a client's update is applied and acknowledged, each reaction in the list (reactions/list.ts)
 * sees it in turn. It never delays the client: the work runs off the acknowledgement's path, a
 * failure is logged and the next reaction still runs. What a reaction writes goes through the
 * pipeline again as the server (pipeline.ts, `writeAsServer`).
 */
import type * as Y from 'yjs';
import type { ConnectionContext } from '../context.ts';
import type { Change } from '../guards/update-changes.ts';
import type { Logger } from '../logger.ts';

/** A client's update as the document now holds it. */
export interface AppliedUpdate {
  documentName: string;
  /** The live document, the update applied. */
  document: Y.Doc;
  author: ConnectionContext;
  changes: Change[];
}

export interface Reaction {
  /** Names the reaction in logs. */
  name: string;
  react(update: AppliedUpdate): Promise<void>;
}

export interface React {
  /** Starts the reactions to `update` and returns at once. */
  (update: AppliedUpdate): void;
  /** Resolves when every reaction started so far has finished (shutdown, tests). */
  idle(): Promise<void>;
}

export function createReact(reactions: readonly Reaction[], logger: Logger): React {
  const pending = new Set<Promise<void>>();

  async function run(update: AppliedUpdate): Promise<void> {
    // After this turn: the connection's next message does not wait for the first reaction either.
    await new Promise((resolve) => setImmediate(resolve));
    for (const reaction of reactions) {
      await reaction.react(update).catch((error: unknown) => {
        logger.error({ err: error, documentName: update.documentName, reaction: reaction.name }, 'server reaction failed');
      });
    }
  }

  const react = (update: AppliedUpdate): void => {
    const work = run(update).finally(() => pending.delete(work));
    pending.add(work);
  };
  react.idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  return react;
}
