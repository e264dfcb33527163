import { expect, expectAccessible, keepScreenshot, test } from './fixtures';

test.use({ baseURL: process.env.SKILLMATRIX_OIDC_BASE_URL });

test('against an OpenID Connect issuer, the code flow with PKCE signs in and the API takes the token', async ({ page }) => {
  await page.goto('/sign-in?next=%2Fnotifications');
  const button = page.getByRole('button', { name: /^Sign in with 127\.0\.0\.1:\d+$/ });
  await expect(button).toBeVisible();
  await expect(page.getByRole('form', { name: 'Development sign-in' })).toHaveCount(0); // no local tokens in OIDC mode
  await keepScreenshot(page, 'sign-in-oidc');
  await expectAccessible(page);

  // To the issuer's authorization endpoint and back to /sign-in/callback with a code, exchanged with the verifier.
  const tokenRequest = page.waitForRequest((request) => request.url().endsWith('/token') && request.method() === 'POST');
  await button.click();
  const exchange = new URLSearchParams((await tokenRequest).postData() ?? '');
  expect(exchange.get('grant_type')).toBe('authorization_code');
  expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByTestId('viewer-name')).toContainText('Oscar');
  // The notifications page asks for myNotifications, which needs sign-in: the Host accepted the issuer's token.
  await expect(page.getByText('Nothing yet: suggest a change or watch a role.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a callback whose state does not match the sign-in is refused, and nobody is signed in', async ({ page }) => {
  await page.goto('/sign-in');
  await page.evaluate(() =>
    sessionStorage.setItem('skillmatrix.oidc.pending', JSON.stringify({ verifier: 'v', state: 'expected', next: '/', tokenEndpoint: '/nowhere', clientId: 'c' })),
  );
  await page.goto('/sign-in/callback?code=stolen&state=forged');
  await expect(page.getByRole('alert')).toHaveText('The issuer’s answer does not belong to this sign-in (state differs).');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});
