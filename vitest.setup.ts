// Node 20 has no global WebSocket; the provider needs one.
import WebSocket from 'ws';

if (!('WebSocket' in globalThis)) {
  Object.assign(globalThis, { WebSocket });
}

// Servers under test log nothing (LOG_LEVEL silent); Hocuspocus's own console notices of the
// refusals the tests provoke would drown the report, so they go the same way.
import { routeConsoleToLogger } from './server/src/console.ts';
import { createLogger } from './server/src/logger.ts';

routeConsoleToLogger(createLogger('silent'));
