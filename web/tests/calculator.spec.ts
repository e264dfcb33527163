import { api, expect, expectAccessible, keepScreenshot, role, signIn, test, tokens } from './fixtures';
import type { Page } from '@playwright/test';

/** Rates every skill at what the API says Senior requires (Not rated where Senior requires nothing), control by control. */
async function rateAtSenior(page: Page) {
  const data = await api<{ role: { levels: { level: { key: string } }[]; matrix: { skills: { skill: { slug: string }; cells: ({ proficiency: string } | null)[] }[] }[] } }>(
    `query($slug: String!) { role(slug: $slug) { levels { level { key } } matrix { skills { skill { slug } cells { proficiency } } } } }`,
    { slug: role },
  );
  const senior = data.role.levels.findIndex((entry) => entry.level.key === 'SENIOR');
  const rows = data.role.matrix.flatMap((group) => group.skills);
  expect(rows).toHaveLength(74);
  await expect(page.getByTestId('rating')).toHaveCount(74);
  for (const row of rows) {
    await page.locator(`[data-testid="rating"][data-skill="${row.skill.slug}"]`).selectOption(row.cells[senior]?.proficiency ?? '');
  }
}

test('rating every skill at the Senior requirement estimates Senior, with the coverage, the radar and the gaps', async ({ page }) => {
  await page.goto(`/roles/${role}/calculator`);
  await expect(page.getByTestId('estimated-level')).toHaveText('Below the first level');
  await rateAtSenior(page);
  await expect(page.getByTestId('estimated-level')).toHaveText('Senior');
  await expect(page.getByText('Next: Lead / Staff')).toBeVisible();
  await expect(page.getByTestId('coverage').getByRole('row', { name: /Senior/ })).toContainText('100%');
  await expect(page.getByTestId('gaps').getByRole('listitem').first()).toBeVisible();

  // The radar is drawn: its canvas has painted pixels.
  const radar = page.getByTestId('radar');
  await expect(radar).toBeVisible();
  await expect
    .poll(() =>
      radar.evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(1000);

  // Saving needs sign-in.
  await expect(page.getByTestId('save-needs-sign-in')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save this assessment' })).toHaveCount(0);
  await keepScreenshot(page, 'calculator');
  await expectAccessible(page);
});

test('signed in, a saved assessment appears in the history with its date and level', async ({ page }) => {
  await signIn(page, tokens().alice, `/roles/${role}/calculator`);
  await expect(page).toHaveURL(new RegExp(`/roles/${role}/calculator$`));
  await expect(page.getByText('None yet.')).toBeVisible();
  await page.getByLabel('Start from a level’s requirements').selectOption({ label: 'Senior' });
  await expect(page.getByTestId('estimated-level')).toHaveText('Senior');
  await page.getByRole('button', { name: 'Save this assessment' }).click();
  const history = page.getByTestId('history').getByRole('listitem');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText('Backend Developer (Python), Senior (version');
  await expect(history.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await keepScreenshot(page, 'calculator-signed-in');
  await expectAccessible(page);
});
