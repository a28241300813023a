// Baseline 1: bare Hocuspocus 4, default configuration, no persistence.
// Prints the same "listening" JSON line as Concord so one launcher serves all targets.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true });
await server.listen();
console.log(JSON.stringify({ msg: 'listening', port: server.address.port }));
