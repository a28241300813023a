import { useEffect, useRef } from 'react';
import { focusComposer } from '../features/channel/focusComposer.ts';
import { isTyping } from './shortcuts.ts';
import { navigate, type Route } from './route.ts';

export interface ShortcutTargets {
  route: Route;
  /** Channel ids in the sidebar's order. */
  channels: readonly string[];
  showHelp: () => void;
  showSearch: () => void;
}

/** Listens for the shortcuts of shortcuts.ts on the whole window while the app is shown. */
export function useShortcuts(targets: ShortcutTargets): void {
  const current = useRef(targets);
  current.current = targets;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const { route, channels, showHelp, showSearch } = current.current;
      // Ctrl+K (⌘K) searches from anywhere, as in Slack and Notion, even while writing.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        showSearch();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        // A rich-text editor has its own uses for Alt+arrows.
        if (event.target instanceof HTMLElement && event.target.isContentEditable) return;
        const next = stepChannel(channels, route.screen === 'channel' ? route.id : undefined, event.key === 'ArrowUp' ? -1 : 1);
        if (next === undefined) return;
        event.preventDefault();
        navigate({ screen: 'channel', id: next });
        // The message box of the channel just opened, once it is drawn.
        if (event.target instanceof HTMLElement && event.target.id === 'composer-input') requestAnimationFrame(() => focusComposer());
        return;
      }
      if (event.altKey || isTyping(event.target)) return;
      if (event.key === '/' && focusComposer()) event.preventDefault();
      else if (event.key === '?') {
        event.preventDefault();
        showHelp();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The channel before or after `from`, wrapping around; from elsewhere, the first or the last. */
function stepChannel(channels: readonly string[], from: string | undefined, step: 1 | -1): string | undefined {
  if (channels.length === 0) return undefined;
  const index = from === undefined ? -1 : channels.indexOf(from);
  if (index < 0) return step === 1 ? channels[0] : channels[channels.length - 1];
  return channels[(index + step + channels.length) % channels.length];
}
