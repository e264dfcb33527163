import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const baseUrl = () => process.env.SKILLMATRIX_BASE_URL!;
export const tokens = () => JSON.parse(process.env.SKILLMATRIX_TOKENS!) as Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', string>;
export const role = 'backend-developer-python';

export const test = base.extend({
  baseURL: async ({}, use) => use(baseUrl()),
});
export { expect };

/** A GraphQL request to the Host, outside the browser: what the API answers, to compare the page with. */
export async function api<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Signs the page in through the sign-in page, as a person would, with a token the Host's `token` verb made. */
export async function signIn(page: Page, token: string, next = '/') {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  // The Host runs in Development, so the page offers its own sign-in first and the token form behind a disclosure.
  await expect(page.getByRole('form', { name: 'Development sign-in' })).toBeVisible();
  await page.getByText('Sign in with a token').click();
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in with this token' }).click();
  const name = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).name as string;
  await expect(page.getByTestId('viewer-name')).toContainText(name);
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, '\\/')}$`));
}

/** axe-core on the page as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(bad.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A full-page screenshot kept under artifacts/screenshots (gitignored), and attached to the test's report. */
export async function keepScreenshot(page: Page, name: string) {
  const path = `artifacts/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
  // `UPDATE_DOCS_SCREENSHOTS=1 npx playwright test` refreshes the README's pictures: the top of the page, not all of it.
  if (process.env.UPDATE_DOCS_SCREENSHOTS && ['role-page', 'calculator'].includes(name)) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: `../docs/screenshots/${name}.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1700) } });
  }
}
