/**
 * A person's network link that can die silently: frames are swallowed in both directions and no
 * close frame reaches the browser, as when a laptop leaves the Wi-Fi or a NAT forgets the
 * connection. SETUP-NOTES: `context.setOffline` does not touch an open WebSocket in Chromium, so
 * the collab socket is routed through Playwright instead.
 */
import type { Person } from './fixtures.ts';

export interface Link {
  die(): void;
  revive(): void;
}

export async function routeLink(person: Person): Promise<Link> {
  let dead = false;
  await person.context.routeWebSocket(/\/collab$/, async (socket) => {
    // A new connection over a dead network never gets through.
    if (dead) return socket.close();
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      if (!dead) server.send(message);
    });
    server.onMessage((message) => {
      if (!dead) socket.send(message);
    });
  });
  // Only sockets opened from now on go through the route.
  await person.page.reload();
  await person.page.getByRole('heading', { name: '# general' }).waitFor();
  return {
    die: () => (dead = true),
    revive: () => (dead = false),
  };
}
