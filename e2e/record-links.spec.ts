import { expect, openSidebarLink, test } from './support/fixtures.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1200, 'signed terms '), Buffer.from('\n%%EOF\n')]);

test('an admin adds a contact link and a contract file to Deal; the deal links its contact, the contact shows the deal back, and a PDF is attached', async ({ signIn, capture }) => {
  // three people and an upload on two shared cores
  test.slow();
  const ana = await signIn('Ana', { role: 'admin' });
  const bo = await signIn('Bo');

  // The admin extends Deal on the Record types page.
  await openSidebarLink(ana, 'Record types');
  const page = ana.page;
  await expect(page.getByRole('tab', { name: 'Deal' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel('Label of field 7').fill('Contact');
  await page.getByLabel('Type of field 7').selectOption('link');
  await page.getByLabel('Links to, field 7').selectOption('contact');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel('Label of field 8').fill('Contract');
  await page.getByLabel('Type of field 8').selectOption('file');
  await page.getByRole('button', { name: 'Save Deal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // Saved fields keep their type: the select is locked now.
  await expect(page.getByLabel('Type of field 7')).toBeDisabled();
  await capture(ana, 'record-types');
  // Editors do not see the page.
  await expect(bo.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Record types' })).toHaveCount(0);

  // A contact to link to.
  await page.getByRole('button', { name: 'New record' }).click();
  await page.getByRole('dialog').getByLabel('Title').fill('Maria Lopez');
  await page.getByRole('dialog').getByLabel('Type').selectOption('contact');
  await page.getByRole('dialog').getByRole('button', { name: 'Create record' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Maria Lopez');
  await page.getByRole('textbox', { name: 'Name', exact: true }).press('Enter');

  // The sample deal was made before the change: it offers the new fields, then links the contact.
  await openSidebarLink(ana, /Northwind renewal/);
  await page.getByTestId('follow-type').getByRole('button', { name: 'Update to the latest fields' }).click();
  await expect(page.getByTestId('follow-type')).toHaveCount(0);
  await expect(page.getByLabel('Company')).toHaveValue('Northwind Traders');
  await page.getByRole('combobox', { name: 'Contact', exact: true }).selectOption({ label: 'Maria Lopez' });
  await expect(page.getByTestId('field-contact').getByRole('link', { name: 'Maria Lopez' })).toBeVisible();

  // A PDF attached to the deal's contract field, shown as a card that downloads.
  await page.getByLabel('Upload Contract').setInputFiles({ name: 'Northwind contract.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('field-contract').getByTestId('file-card')).toContainText('Northwind contract.pdf');
  await capture(ana, 'record-links-deal');

  // Bo sees the link and the file, follows the link to the contact, and the contact lists the deal.
  await openSidebarLink(bo, /Northwind renewal/);
  const card = bo.page.getByTestId('field-contract').getByTestId('file-card');
  await expect(card).toContainText('Northwind contract.pdf');
  const download = bo.page.waitForEvent('download');
  await card.click();
  expect((await download).suggestedFilename()).toBe('Northwind contract.pdf');
  await bo.page.getByTestId('field-contact').getByRole('link', { name: 'Maria Lopez' }).click();
  await expect(bo.page.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();
  const backLinks = bo.page.getByTestId('back-links');
  await expect(backLinks.getByRole('link', { name: 'Northwind renewal' })).toBeVisible();
  await expect(backLinks).toContainText('Deal · Contact');
  await capture(bo, 'record-links-contact');
  await backLinks.getByRole('link', { name: 'Northwind renewal' }).click();
  await expect(bo.page.getByLabel('Company')).toHaveValue('Northwind Traders');

  // Hiding a field keeps its value: the record shows it among its earlier fields.
  await openSidebarLink(ana, /Northwind renewal/);
  await page.getByLabel('Next step').fill('Send the contract');
  await page.getByLabel('Next step').press('Enter');
  await expect(page.getByTestId('field-nextStep')).toContainText('Set by Ana');
  await openSidebarLink(ana, 'Record types');
  await page.getByLabel('Hidden').nth(5).check();
  await page.getByRole('button', { name: 'Save Deal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await openSidebarLink(ana, /Northwind renewal/);
  await page.getByTestId('follow-type').getByRole('button', { name: 'Update to the latest fields' }).click();
  await expect(page.getByTestId('field-nextStep')).toHaveCount(0);
  await page.getByTestId('earlier-fields').getByText('Earlier fields').click();
  await expect(page.getByTestId('earlier-fields')).toContainText('Send the contract');

  // A viewer sees the file and cannot upload one.
  const cy = await signIn('Cy', { role: 'viewer' });
  await openSidebarLink(cy, /Northwind renewal/);
  await expect(cy.page.getByTestId('field-contract').getByTestId('file-card')).toContainText('Northwind contract.pdf');
  await expect(cy.page.getByLabel('Upload Contract')).toHaveCount(0);
  await expect(cy.page.getByTestId('field-contact').getByRole('link', { name: 'Maria Lopez' })).toBeVisible();
});
