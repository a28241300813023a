/**
 * The heartbeat exchange (README.md, "Offline"): a client that has heard nothing for a while sends
 * PING as a stateless message on one of its open documents; the server answers PONG on the same
 * document connection. Hocuspocus sends nothing on a quiet connection, so without an answer a client
 * cannot tell a quiet link from a dead one.
 */
export const HEARTBEAT_PING = '{"type":"ping"}';
export const HEARTBEAT_PONG = '{"type":"pong"}';
