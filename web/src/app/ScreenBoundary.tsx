import { Component, type ReactNode } from 'react';

/**
 * Keeps a screen that failed to load or draw (a chunk missing while offline, a bug) from taking the
 * whole app down: the sidebar stays, and the screen says so. A class, because only a class component
 * can catch what its children throw while rendering.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="callout callout-error" role="alert">
        <p>This screen could not be shown: {this.state.error.message}</p>
        <button type="button" className="button small" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
