/**
 * The acknowledgements of a look-ahead run (look-ahead.ts) leave in one write. Hocuspocus applies
 * and acknowledges a run's frames one after another in the turn its commit ran, and writes each
 * acknowledgement to the socket on its own: a system call per frame, the largest single cost of a
 * trace replay (docs/BENCHMARKS.md, "Trace replay: Concord's own per-edit costs"). Corked until the
 * next tick, which runs once every frame of the run has been applied and acknowledged (each is a
 * chain of promise continuations, all finished before the tick queue is read; the broadcast of the
 * commit waits for the same tick, pipeline.ts), they are written together, in the same turn.
 *
 * The socket is the one under ws's WebSocket, which Hocuspocus holds (`_socket`, private in ws):
 * read and checked at run time; without it each acknowledgement is written on its own, as before.
 */
import type { Connection } from '@hocuspocus/server';

interface Corkable {
  cork(): void;
  uncork(): void;
}

export function acknowledgeTogether(connection: Connection): void {
  const socket = socketOf(connection);
  if (!socket) return;
  socket.cork();
  process.nextTick(() => socket.uncork());
}

function socketOf(connection: Connection): Corkable | null {
  const socket: unknown = Reflect.get(connection.webSocket, '_socket');
  if (typeof socket !== 'object' || socket === null) return null;
  const { cork, uncork } = socket as Partial<Corkable>;
  return typeof cork === 'function' && typeof uncork === 'function' ? (socket as Corkable) : null;
}
