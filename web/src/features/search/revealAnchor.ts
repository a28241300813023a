/**
 * After opening a search result: scrolls its message or field into view once the screen has drawn
 * it, and marks it for a moment. An archived message is not in the live list: for those the
 * channel's "Load older messages" is pressed, page after page, until the message appears (at most
 * MAX_PAGES pages). Gives up quietly when the time is up.
 */
const GIVE_UP_MS = 15_000;
const MAX_PAGES = 40;

export function revealAnchor(selector: string, options: { loadOlder?: boolean } = {}): void {
  const deadline = performance.now() + GIVE_UP_MS;
  let pages = 0;
  const look = () => {
    const element = document.querySelector(selector);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.classList.add('search-target');
      setTimeout(() => element.classList.remove('search-target'), 2_000);
      return;
    }
    if (options.loadOlder && pages < MAX_PAGES) {
      // Only once the channel shows its live messages, so a page is never loaded before it is drawn.
      const older = document.querySelector('[data-testid="message"]') ? document.querySelector<HTMLButtonElement>('.older-messages button') : null;
      if (older && older.getAttribute('aria-busy') !== 'true') {
        pages += 1;
        older.click();
      }
    }
    if (performance.now() < deadline) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
