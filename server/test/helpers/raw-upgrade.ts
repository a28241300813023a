/**
 * A WebSocket upgrade request written by hand on a TCP socket, for seeing the exact status line the
 * server answers (101, 404, 429…) and for ending the connection as a load balancer or an attacker
 * would, which a WebSocket client does not let a test do.
 */
import { connect } from 'node:net';

export interface RawUpgrade {
  port: number;
  path?: string;
  /** The local address to connect from (a loopback address other than 127.0.0.1 is another client). */
  localAddress?: string;
  headers?: Record<string, string>;
  /** `reset` ends with an RST once answered (HAProxy does so); `close` ends politely. */
  end?: 'reset' | 'close';
}

/** The status line of the server's answer. */
export function rawUpgrade({ port, path = '/collab', localAddress = '127.0.0.1', headers = {}, end = 'close' }: RawUpgrade): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => {
      const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      if (end === 'reset') socket.resetAndDestroy();
      else socket.destroy();
      resolve(chunk.toString().split('\r\n')[0]!);
    });
  });
}
