import { expect, expectAccessible, keepScreenshot, role, signIn, test, tokens } from './fixtures';

test('the sign-in page takes a token of the token verb, refuses what is not one, and signs out', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('dotnet run --project src/Host -- token --sub alice --name Alice')).toBeVisible();
  await keepScreenshot(page, 'sign-in');
  await expectAccessible(page);

  await page.getByLabel('Token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not a token: it has three parts separated by dots.');

  await signIn(page, tokens().erin, `/roles/${role}`);
  await expect(page.getByTestId('viewer-name')).toHaveText('Signed in as Erin (expert)');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});
