// Node 20 has no global WebSocket; the provider needs one.
import WebSocket from 'ws';

if (!('WebSocket' in globalThis)) {
  Object.assign(globalThis, { WebSocket });
}
