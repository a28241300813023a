import type { Page } from '@playwright/test';
import { expect, openSidebarLink, test } from './support/fixtures.ts';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** The remote caret of `name` is shown in a colour one can see; returns that colour. */
async function expectVisibleCaret(page: Page, name: string): Promise<string> {
  const label = page.locator('.collaboration-carets__label', { hasText: name });
  await expect(label).toBeVisible();
  const caret = page.locator('.collaboration-carets__caret').filter({ has: label });
  await expect(caret).toHaveCount(1);
  const colours = await caret.evaluate((element) => ({
    border: getComputedStyle(element).borderLeftColor,
    label: getComputedStyle(element.querySelector('.collaboration-carets__label')!).backgroundColor,
  }));
  expect(colours.border, `${name}'s caret line`).not.toBe(TRANSPARENT);
  expect(colours.label, `${name}'s caret label`).not.toBe(TRANSPARENT);
  expect(colours.label).toBe(colours.border);
  return colours.border;
}

test('two people write one page and each sees both texts and the other one’s caret', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  const colourWarnings: string[] = [];
  for (const person of [ana, bo]) person.page.on('console', (message) => message.text().includes('unsupported color format') && colourWarnings.push(message.text()));
  for (const person of [ana, bo]) await openSidebarLink(person, 'Welcome to Concord');
  const anaEditor = ana.page.getByLabel('Page content');
  const boEditor = bo.page.getByLabel('Page content');

  await anaEditor.click();
  await ana.page.keyboard.type('Ana writes the agenda.');
  await expect(boEditor).toContainText('Ana writes the agenda.');

  await boEditor.click();
  await bo.page.keyboard.press('Control+End');
  await bo.page.keyboard.press('Enter');
  await bo.page.keyboard.type('Bo adds the budget.');
  await expect(anaEditor).toContainText('Bo adds the budget.');
  await expect(boEditor).toContainText('Ana writes the agenda.');
  await expect(anaEditor).toContainText('Ana writes the agenda.');

  // Present is not enough: a colour the caret extension cannot parse renders it transparent.
  const boCaretOnAna = await expectVisibleCaret(ana.page, 'Bo');
  const anaCaretOnBo = await expectVisibleCaret(bo.page, 'Ana');
  expect(boCaretOnAna, 'each person has a caret colour of their own').not.toBe(anaCaretOnBo);

  expect(colourWarnings).toEqual([]);

  await capture(ana, 'notes-ana');
  await capture(bo, 'notes-bo');
});
