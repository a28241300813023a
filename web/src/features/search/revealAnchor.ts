/**
 * After opening a search result: scrolls its message or field into view once the screen has drawn
 * it, and marks it for a moment. Gives up quietly after a few seconds (an archived message shows
 * only once older messages are loaded).
 */
const GIVE_UP_MS = 4_000;

export function revealAnchor(selector: string): void {
  const deadline = performance.now() + GIVE_UP_MS;
  const look = () => {
    const element = document.querySelector(selector);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.classList.add('search-target');
      setTimeout(() => element.classList.remove('search-target'), 2_000);
      return;
    }
    if (performance.now() < deadline) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
