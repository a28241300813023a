/**
 * Notices a dead connection within seconds. A socket whose network went away without a close frame
 * (Wi-Fi left, laptop asleep, a NAT that forgot the connection) stays open in the browser, and the
 * provider's own check (`messageReconnectTimeout`) waits 30 s for *any* message — which the server
 * only sends when something changes. So once the socket has been quiet for PROBE_AFTER_MS, it pings
 * the server on one open document (a stateless message the server answers with a pong, see
 * shared/src/heartbeat.ts). No answer within ANSWER_WITHIN_MS means the link is dead: the socket is
 * closed the way the browser would close it, so the providers see the close and reconnect with their
 * backoff, and the app shows Offline. See README.md, "Offline".
 */
import { HEARTBEAT_PING, HEARTBEAT_PONG } from '@concord/shared';
import { WebSocketStatus, type HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';

// From the last message heard to Offline: at most 1.5 s + 2.5 s + two ticks, under the 5 s a person
// should wait to learn that the link is gone. An idle socket pings about once every 1.75 s.
const PROBE_AFTER_MS = 1500;
const ANSWER_WITHIN_MS = 2500;
/** An opened socket gets its first message (the handshake) within this, or counts as dead. */
const HANDSHAKE_WITHIN_MS = 10_000;
const TICK_MS = 250;
/** The close code the provider itself uses for a connection that stopped answering. */
const NO_ANSWER_CODE = 4408;

/** Starts watching `socket`, reporting each ping's round trip; returns a function that stops. */
export function startHeartbeat(socket: HocuspocusProviderWebsocket, onRoundTrip: (ms: number) => void): () => void {
  let openedAt: number | null = null;
  let probeSentAt: number | null = null;
  let stopListening = () => {};

  const onStatus = ({ status }: { status: WebSocketStatus }) => {
    if (status !== WebSocketStatus.Connected) openedAt = null;
    else openedAt ??= Date.now();
    forgetProbe();
  };

  function tick() {
    if (socket.status !== WebSocketStatus.Connected || openedAt === null) return;
    const now = Date.now();
    const heardAt = socket.lastMessageReceived;
    if (heardAt === 0) {
      if (now - openedAt > HANDSHAKE_WITHIN_MS) declareDead();
      return;
    }
    if (probeSentAt !== null) {
      // Any message proves the link alive; only the pong times the round trip.
      if (heardAt >= probeSentAt) forgetProbe();
      else if (now - probeSentAt > ANSWER_WITHIN_MS) return declareDead();
      else return;
    }
    if (now - heardAt < PROBE_AFTER_MS) return;
    const provider = probeTarget(socket);
    if (!provider) return;
    probe(provider);
  }

  function probe(provider: HocuspocusProvider) {
    const sentAt = performance.now();
    const onStateless = ({ payload }: { payload: string }) => {
      if (payload !== HEARTBEAT_PONG) return;
      provider.off('stateless', onStateless);
      onRoundTrip(performance.now() - sentAt);
    };
    provider.on('stateless', onStateless);
    stopListening = () => provider.off('stateless', onStateless);
    provider.sendStateless(HEARTBEAT_PING);
    probeSentAt = Date.now();
  }

  function forgetProbe() {
    probeSentAt = null;
    stopListening();
  }

  function declareDead() {
    openedAt = null;
    forgetProbe();
    // Through the socket's own listeners, as a real close: the socket and every provider react.
    socket.webSocket?.dispatchEvent(new CloseEvent('close', { code: NO_ANSWER_CODE, reason: 'no answer from the server' }));
  }

  socket.on('status', onStatus);
  if (socket.status === WebSocketStatus.Connected) openedAt = Date.now();
  const timer = setInterval(tick, TICK_MS);
  return () => {
    clearInterval(timer);
    socket.off('status', onStatus);
    stopListening();
  };
}

/** Any document the server has admitted: a ping on one that is still authenticating waits for it. */
function probeTarget(socket: HocuspocusProviderWebsocket): HocuspocusProvider | undefined {
  for (const provider of socket.configuration.providerMap.values()) if (provider.isAuthenticated) return provider;
  return undefined;
}
