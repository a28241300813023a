// Baseline 2: Hocuspocus 4 with @hocuspocus/extension-sqlite at its default debounce.
import { join } from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') })],
});
await server.listen();
console.log(JSON.stringify({ msg: 'listening', port: server.address.port }));
