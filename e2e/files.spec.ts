import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, goOffline, goOnline, test, type Person } from './support/fixtures.ts';

/** A small PDF-looking file: its bytes are checked after the download. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1800, 'contract terms '), Buffer.from('\n%%EOF\n')]);

const HOSTILE_PAGE = '<!doctype html><title>hostile</title><script>localStorage.setItem("pwned", location.href); document.title = "pwned";</script>';

/** Pastes a 40×30 PNG drawn on a canvas into the message box, as a screenshot from the clipboard would be. */
async function pasteScreenshot(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).evaluate(async (box) => {
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 30;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#4f46e5';
    context.fillRect(0, 0, 40, 30);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

async function attach(person: Person, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await person.page.getByLabel('Files to attach').setInputFiles({ name, mimeType, buffer });
}

/** The posts waiting in the outbox's IndexedDB copy. */
function outboxCount(person: Person): Promise<number> {
  return person.page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('concord:ana:outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('posts').objectStore('posts').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
  );
}

test('an image pasted into chat shows inline for the other person, and an attached PDF shows as a card that downloads', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');

  await pasteScreenshot(ana.page, 'Message #general');
  await expect(ana.page.getByTestId('staged-file')).toHaveCount(1);
  await ana.page.getByLabel('Message #general').fill('The new logo');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(ana.page.getByTestId('staged-file')).toHaveCount(0);

  const image = bo.page.getByTestId('messages').getByTestId('message').filter({ hasText: 'The new logo' }).getByTestId('attachment-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
  await expect(ana.page.getByTestId('pending-post')).toHaveCount(0);

  // A file dropped on the composer is staged too, and can be taken out again before sending.
  const dropped = await ana.page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['draft'], 'draft.txt', { type: 'text/plain' }));
    return data;
  });
  const composer = ana.page.locator('form.composer');
  await composer.dispatchEvent('dragover', { dataTransfer: dropped });
  await composer.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(ana.page.getByTestId('staged-file')).toContainText('draft.txt');
  await ana.page.getByRole('button', { name: 'Remove draft.txt' }).click();
  await expect(ana.page.getByTestId('staged-file')).toHaveCount(0);

  await attach(ana, 'Contract – Northwind.pdf', 'application/pdf', PDF);
  await expect(ana.page.getByTestId('staged-file')).toContainText('Contract – Northwind.pdf');
  await ana.page.getByRole('button', { name: 'Send' }).click();

  const card = bo.page.getByTestId('messages').getByTestId('file-card').filter({ hasText: 'Contract – Northwind.pdf' });
  await expect(card).toContainText('1.8 KB');
  await expect(card).toHaveAttribute('href', /^\/api\/files\/[A-Za-z0-9_-]+\?exp=\d+&sig=/);
  const [download] = await Promise.all([bo.page.waitForEvent('download'), card.click()]);
  expect(download.suggestedFilename()).toBe('Contract – Northwind.pdf');
  expect(readFileSync(await download.path()).equals(PDF)).toBe(true);
  await capture(bo, 'files-chat');
});

test('a file attached offline waits with its message, survives a reload, and both go out when the connection returns', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await goOffline(ana);
  await attach(ana, 'offline-notes.pdf', 'application/pdf', PDF);
  await ana.page.getByLabel('Message #general').fill('Notes from the plane');
  await ana.page.getByLabel('Message #general').press('Enter');
  const pending = ana.page.getByTestId('pending-post');
  await expect(pending).toContainText('Notes from the plane');
  await expect(pending).toContainText('Waiting for the connection');
  await expect.poll(() => outboxCount(ana)).toBe(1);
  await capture(ana, 'files-waiting');

  await ana.page.reload();
  await expect(ana.page.getByRole('heading', { name: '# general' })).toBeVisible();
  await expect(pending).toContainText('offline-notes.pdf');
  await expect(bo.page.getByTestId('messages')).not.toContainText('Notes from the plane');

  await goOnline(ana);
  const arrived = bo.page.getByTestId('messages').getByTestId('message').filter({ hasText: 'Notes from the plane' });
  await expect(arrived.getByTestId('file-card')).toContainText('offline-notes.pdf');
  await expect(pending).toHaveCount(0);
  await expect.poll(() => outboxCount(ana)).toBe(0);
  const [download] = await Promise.all([bo.page.waitForEvent('download'), arrived.getByTestId('file-card').click()]);
  expect(readFileSync(await download.path()).equals(PDF)).toBe(true);
});

test("an uploaded HTML page never runs in Concord's origin, whatever type it claims", async ({ signIn, server }) => {
  const ana = await signIn('Ana');
  const { page, context } = ana;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const token = await page.evaluate(() => localStorage.getItem('concord.token'));
  const upload = async (name: string, type: string, body: Buffer | string) => {
    const response = await page.request.post(`${server.url}/api/files?name=${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${token}`, 'content-type': type }, data: body });
    expect(response.status()).toBe(201);
    return (await response.json()) as { url: string; type: string };
  };
  const page1 = await upload('page.html', 'text/html', HOSTILE_PAGE);
  const liar = await upload('photo.png', 'image/png', HOSTILE_PAGE);
  expect(liar.type).toBe('application/octet-stream');

  for (const file of [page1, liar]) {
    const response = await page.request.get(file.url);
    expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['content-security-policy']).toContain('sandbox');

    // Opened in a tab of their own, and framed inside the app: downloaded, never run.
    const tab = await context.newPage();
    const downloaded = tab.waitForEvent('download');
    await tab.goto(file.url).catch((error: Error) => expect(error.message).toContain('Download is starting'));
    await downloaded;
    await tab.close();
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, file.url);
  }
  await page.reload();
  await expect(page.getByRole('heading', { name: '# general' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
  expect(await page.title()).not.toBe('pwned');

  // An image opened in a tab is shown by the browser, and the service worker does not keep it as the app.
  const image = await upload('pixel.png', 'image/png', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000000030101008c3b2c9a0000000049454e44ae426082', 'hex'));
  const tab = await context.newPage();
  const shown = await tab.goto(image.url);
  expect(shown?.headers()['content-type']).toBe('image/png');
  await tab.close();
  const shell = await page.evaluate(async () => (await caches.match('/index.html'))?.headers.get('content-type'));
  expect(shell).toContain('text/html');
});
