import { Dialog } from './Dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** The list of keyboard shortcuts, opened with `?`. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.does} className="shortcut">
            <dt>
              {shortcut.keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ' + '}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
