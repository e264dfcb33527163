import { gzipSync } from 'node:zlib';
import { expect, role, test } from './fixtures';

test('the role page loads under 250 KB of JavaScript, gzipped', async ({ page }) => {
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), gzipSync(await response.body()).length);
  });
  await page.goto(`/roles/${role}`);
  await expect(page.getByTestId('cell')).toHaveCount(357);
  await page.waitForLoadState('networkidle');
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  test.info().annotations.push({ type: 'role page JavaScript, gzipped', description: `${(total / 1024).toFixed(1)} KB in ${scripts.size} files` });
  console.log(`role page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.size} files`);
  expect(scripts.size).toBeGreaterThan(0);
  // The calculator's chart library is not part of it.
  expect([...scripts.keys()].some((url) => url.includes('CalculatorPage'))).toBe(false);
  expect(total).toBeLessThan(250 * 1024);
});
