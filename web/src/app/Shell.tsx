import { canWrite } from '@concord/shared';
import { useEffect, useRef, useState } from 'react';
import { useCollab } from '../collab/CollabContext.ts';
import { ConnectionIndicator } from '../features/connection/ConnectionIndicator.tsx';
import { SearchDialog } from '../features/search/SearchDialog.tsx';
import { PresenceAvatars } from '../features/presence/PresenceAvatars.tsx';
import { StatusPicker } from '../features/presence/StatusPicker.tsx';
import { useWorkspace } from '../features/workspace/useWorkspace.ts';
import { visibleChannels } from '../features/workspace/visibleChannels.ts';
import { useObserved } from '../collab/useObserved.ts';
import { Screen } from './Screen.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useShortcuts } from './useShortcuts.ts';
import { Sidebar } from './Sidebar.tsx';
import { parseRoute, usePathname } from './route.ts';

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { session, presence } = useCollab();
  const workspace = useWorkspace();
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const channels = useObserved(workspace.doc, (doc) => visibleChannels(doc, session.user.id).map((channel) => channel.id));
  useShortcuts({ route, channels, showHelp: () => setHelpOpen(true), showSearch: () => setSearchOpen(true) });

  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  useEffect(() => {
    presence.set({ page: pathname });
    setMenuOpen(false);
  }, [pathname, presence]);

  useEffect(() => {
    const touch = () => presence.touch();
    const events = ['keydown', 'pointerdown', 'focus'] as const;
    events.forEach((name) => window.addEventListener(name, touch, { passive: true }));
    return () => events.forEach((name) => window.removeEventListener(name, touch));
  }, [presence]);

  return (
    <div className="shell" data-menu-open={menuOpen}>
      <header className="topbar">
        <button ref={menuButton} type="button" className="icon-button menu-button" aria-label="Menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((open) => !open)}>
          ☰
        </button>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Concord</span>
          <span className="org muted">{session.user.org}</span>
        </div>
        <div className="topbar-spacer" />
        <button type="button" className="button small ghost" aria-label="Search (Ctrl+K)" title="Search (Ctrl+K)" onClick={() => setSearchOpen(true)}>
          Search <kbd>Ctrl K</kbd>
        </button>
        <PresenceAvatars document={workspace} label="People online" />
        <ConnectionIndicator />
        <StatusPicker />
        <div className="me">
          <span className="me-name" data-testid="me">
            {session.user.name}
            {!canWrite(session.user.role) && <span className="tag">read only</span>}
          </span>
          <button type="button" className="button small ghost" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <Sidebar workspace={workspace} route={route} onShowShortcuts={() => setHelpOpen(true)} />
      <main className="main" id="main">
        <Screen route={route} workspace={workspace} />
      </main>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <SearchDialog open={searchOpen} onClose={() => setSearchOpen(false)} />
    </div>
  );
}
