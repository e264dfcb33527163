import { expect, expectAccessible, keepScreenshot, role, signIn, test, tokens } from './fixtures';

test('in Development a name and the expert box sign in through the server, and a wrong member id is refused', async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent(`/roles/${role}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Development sign-in' });
  await expect(form).toBeVisible();
  await keepScreenshot(page, 'sign-in');
  await expectAccessible(page);

  // The browser's own checks stop an empty or spaced id; what only the server refuses is shown as it says it.
  await form.getByLabel('Member id').fill('a'.repeat(65));
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(`"subject" must be 1 to 64 letters, digits, '.', '_', '-' or '@'.`);

  await form.getByLabel('Member id').fill('frank');
  await form.getByLabel('Name').fill('Frank');
  await form.getByLabel('Expert (reviews proposals)').check();
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText('Signed in as Frank (expert)');
  await expect(page).toHaveURL(new RegExp(`/roles/${role}$`));
});

test('the sign-in page takes a token of the token verb, refuses what is not one, and signs out', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('form', { name: 'Development sign-in' })).toBeVisible();
  await page.getByText('Sign in with a token').click();
  await expect(page.getByText('dotnet run --project src/Host -- token --sub alice --name Alice')).toBeVisible();

  await page.getByLabel('Token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in with this token' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not a token: it has three parts separated by dots.');

  await signIn(page, tokens().erin, `/roles/${role}`);
  await expect(page.getByTestId('viewer-name')).toHaveText('Signed in as Erin (expert)');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});
