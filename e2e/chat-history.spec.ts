import { expect, openSidebarLink, test } from './support/fixtures.ts';

const CHANNEL = 'acme:channel:general';
const TOTAL = 1150;
const label = (n: number) => `History message ${String(n).padStart(4, '0')}`;

test('chat history beyond the live 1000 messages loads from the archive, oldest first, read-only', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  // Ana looks elsewhere while the history is written, so her screen does not redraw it batch by batch.
  await openSidebarLink(ana, 'Activity');
  // A long history in a few updates of 100 messages each (the server allows bursts of 200 updates).
  await ana.page.evaluate(
    ({ channel, total }) => {
      const start = Date.now() - total * 1000;
      for (let first = 1; first <= total; first += 100) {
        const batch = Array.from({ length: Math.min(100, total - first + 1) }, (_, i) => first + i).map((n) => ({
          text: `History message ${String(n).padStart(4, '0')}`,
          authorId: 'ana',
          authorName: 'Ana',
          createdAt: start + n * 1000,
        }));
        window.concordTest?.postMessages(channel, batch);
      }
    },
    { channel: CHANNEL, total: TOTAL },
  );
  // The server moves the oldest 100 to the archive; the live array keeps the newest 1000.
  await ana.page.waitForFunction(
    ({ channel, last }) => {
      const messages = window.concordTest?.doc(channel)?.getArray('messages');
      return messages?.length === 1000 && (messages.get(999) as { get(key: string): unknown }).get('text') === last;
    },
    { channel: CHANNEL, last: label(TOTAL) },
    { timeout: 30_000 },
  );

  // Bo arrives with no local copy: the live messages come over the socket, the rest from the archive.
  const bo = await signIn('Bo');
  const messages = bo.page.getByTestId('messages');
  await expect(messages.getByText(label(TOTAL))).toBeAttached();
  await expect(messages.getByText(label(151), { exact: true })).toBeAttached();
  await expect(messages.getByText(label(150), { exact: true })).toHaveCount(0);

  // The chat opens on the newest messages; reaching the top of the live ones loads a page above them.
  await expect(messages.getByText(label(TOTAL))).toBeInViewport();
  const older = bo.page.getByRole('button', { name: 'Load older messages' });
  await older.scrollIntoViewIfNeeded();
  await expect(messages.getByText(label(101), { exact: true })).toBeAttached();
  await expect(messages.getByText(label(151), { exact: true })).toBeInViewport();

  // The button works from the keyboard too, page after page, until the very first message. (It is
  // focused without scrolling to it, which would load the next page by itself.)
  await older.evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
  await bo.page.keyboard.press('Enter');
  await expect(messages.getByText(label(51), { exact: true })).toBeAttached();
  await expect(messages.getByText(label(50), { exact: true })).toHaveCount(0);
  await expect(older).toBeFocused();
  await bo.page.keyboard.press('Enter');
  await expect(messages.getByText(label(1), { exact: true })).toBeAttached();
  await expect(bo.page.getByText('This is the very beginning of #general.')).toBeVisible();
  await expect(older).toHaveCount(0);
  await expect(messages.getByTestId('message')).toHaveCount(TOTAL);

  // Archived messages look like the others but offer no actions; live ones still do.
  const first = messages.getByTestId('message').filter({ hasText: label(1) });
  await expect(first).toHaveAttribute('data-archived', 'true');
  await expect(first.getByRole('button')).toHaveCount(0);
  await expect(messages.getByTestId('message').filter({ hasText: label(TOTAL) }).getByRole('button', { name: 'Reply' })).toBeVisible();

  await first.scrollIntoViewIfNeeded();
  await capture(bo, 'chat-history-bo');
});
