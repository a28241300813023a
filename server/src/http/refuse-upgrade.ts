/**
 * Answers a refused WebSocket upgrade on its raw socket and closes it. Node's HTTP server stops
 * watching a socket for errors once it hands it to the upgrade handler, so without a listener here
 * a peer resetting the connection around the answer (HAProxy does, in a reconnect storm) raised an
 * 'error' nobody handled, and that ended the process (server/test/upgrade-refusals.test.ts).
 */
import type { Duplex } from 'node:stream';

export function refuseUpgrade(socket: Duplex, status: string): void {
  // Nothing more is sent on this socket, so nothing can fail that anyone would need to hear of.
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
