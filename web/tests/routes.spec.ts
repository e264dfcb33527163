import { expect, role, test } from './fixtures';

// Each route of web/src/App.tsx loads when opened directly (a link, a reload): the Host's fallback must know it.
for (const path of ['/', `/roles/${role}`, `/roles/${role}/compare`, `/roles/${role}/calculator`, `/roles/${role}/figures`, '/sign-in', '/notifications']) {
  test(`${path} loads the client when opened directly`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Not found');
  });
}

test('an unknown path is the Host’s 404, not the client', async ({ request }) => {
  for (const path of ['/graphiql', '/playground', '/unknown', '/graphql/x', '/health/x']) {
    const response = await request.get(path, { headers: { accept: 'text/html' } });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain('<div id="root">');
  }
});
