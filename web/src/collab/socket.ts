/**
 * The one WebSocket every document provider shares, at `/collab` on the page's own origin.
 * It can be cut on purpose (the "go offline" test hook): a cut survives a reload of the tab, so a
 * test can reload while offline and the app stays offline until the socket is restored.
 */
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

const CUT_KEY = 'concord.socketCut';

export function collabUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/collab`;
}

export function createCollabSocket(url: string): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url,
    autoConnect: !isCut(),
    // The provider's backoff, capped low enough that a restarted server is found again quickly.
    delay: 500,
    minDelay: 500,
    maxDelay: 5000,
  });
}

export function isCut(): boolean {
  return sessionStorage.getItem(CUT_KEY) === '1';
}

export function cutSocket(socket: HocuspocusProviderWebsocket): void {
  sessionStorage.setItem(CUT_KEY, '1');
  socket.disconnect();
}

export function restoreSocket(socket: HocuspocusProviderWebsocket): void {
  sessionStorage.removeItem(CUT_KEY);
  void socket.connect();
}
