import { api, expect, expectAccessible, keepScreenshot, role, test, tokens } from './fixtures';

test('the figures page shows the role’s stats by level and domain as the API gives them, as charts and tables', async ({ page }) => {
  const data = await api<{
    role: { stats: { byLevel: { level: { name: string }; requirementCount: number; mandatoryCount: number }[]; byDomain: { domain: { name: string }; skillCount: number }[] } };
    proposalStats: { byStatus: { status: string; count: number }[]; acceptedByMonth: { month: string; count: number }[] };
  }>(
    `query($slug: String!) { role(slug: $slug) { stats { byLevel { level { name } requirementCount mandatoryCount } byDomain { domain { name } skillCount } } }
       proposalStats(roleSlug: $slug) { byStatus { status count } acceptedByMonth { month count } } }`,
    { slug: role },
  );
  await page.goto(`/roles/${role}`);
  await page.getByRole('link', { name: 'Figures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Figures: Backend Developer (Python)');
  const levels = page.getByTestId('table-by-level').locator('tbody tr');
  await expect(levels).toHaveCount(5);
  for (const [index, level] of data.role.stats.byLevel.entries()) {
    const cells = levels.nth(index).locator('td');
    await expect(levels.nth(index).locator('th')).toHaveText(level.level.name);
    await expect(cells.nth(4)).toHaveText(String(level.mandatoryCount));
    await expect(cells.nth(5)).toHaveText(String(level.requirementCount));
  }
  await expect(page.getByTestId('table-by-domain').locator('tr')).toHaveCount(data.role.stats.byDomain.length);
  expect(data.role.stats.byDomain.reduce((sum, entry) => sum + entry.skillCount, 0)).toBe(74);
  for (const entry of data.proposalStats.byStatus) {
    await expect(page.getByTestId('table-proposals').getByRole('row', { name: entry.status.toLowerCase().replace('_', ' ') })).toContainText(String(entry.count));
  }
  const charts = ['chart-by-level', 'chart-by-domain'];
  if (data.proposalStats.acceptedByMonth.length > 0) {
    charts.push('chart-accepted');
    await expect(page.getByTestId('accepted-by-month').getByRole('listitem')).toHaveText(data.proposalStats.acceptedByMonth.map((entry) => `${entry.month}: ${entry.count}`));
  } else {
    await expect(page.getByText('None accepted yet.')).toBeVisible();
  }
  for (const chart of charts) {
    await expect
      .poll(() =>
        page.getByTestId(chart).evaluate((canvas: HTMLCanvasElement) => {
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
          return painted;
        }),
      )
      .toBeGreaterThan(1000);
  }
  await keepScreenshot(page, 'figures');
  await expectAccessible(page);
});

test('with five saved assessments the figures page shows the assessment figures the API gives', async ({ page }) => {
  // Five members save an assessment each (Junior's requirements for some, nothing for others), through the API.
  const junior = await api<{ role: { matrix: { skills: { skill: { slug: string }; cells: ({ proficiency: string } | null)[] }[] }[] } }>(
    `query($slug: String!) { role(slug: $slug) { matrix { skills { skill { slug } cells { proficiency } } } } }`,
    { slug: role },
  );
  const atJunior = junior.role.matrix.flatMap((domain) => domain.skills)
    .filter((row) => row.cells[0])
    .map((row) => ({ skill: row.skill.slug, proficiency: row.cells[0]!.proficiency }));
  const people = tokens();
  for (const [index, token] of [people.alice, people.bob, people.carol, people.dave, people.erin].entries()) {
    const saved = await api<{ saveAssessment: { errors: unknown[] | null } }>(
      `mutation($input: SaveAssessmentInput!) { saveAssessment(input: $input) { errors { __typename } } }`,
      { input: { roleSlug: role, ratings: index % 2 === 0 ? atJunior : atJunior.slice(0, 3) } },
      token,
    );
    expect(saved.saveAssessment.errors ?? []).toEqual([]);
  }
  const stats = await api<{ assessmentStats: { assessmentCount: number; byLevel: { level: { name: string } | null; count: number }[]; topBlockingSkills: { skill: { name: string }; count: number }[] } | null }>(
    `query($slug: String!) { assessmentStats(roleSlug: $slug) { assessmentCount byLevel { level { name } count } topBlockingSkills { skill { name } count } } }`,
    { slug: role },
  );
  expect(stats.assessmentStats).not.toBeNull();
  expect(stats.assessmentStats!.assessmentCount).toBeGreaterThanOrEqual(5);

  await page.goto(`/roles/${role}/figures`);
  const section = page.getByRole('region', { name: 'Saved assessments' });
  await expect(section.getByText(`${stats.assessmentStats!.assessmentCount} saved assessments.`)).toBeVisible();
  await expect(section.getByTestId('assessments-too-few')).toHaveCount(0);
  const rows = section.getByRole('row');
  await expect(rows).toHaveCount(stats.assessmentStats!.byLevel.length);
  for (const [index, entry] of stats.assessmentStats!.byLevel.entries()) {
    await expect(rows.nth(index)).toHaveText(`${entry.level?.name ?? 'Below the first level'}${entry.count}`);
  }
  await expect(section.getByRole('listitem')).toHaveText(stats.assessmentStats!.topBlockingSkills.map((entry) => `${entry.skill.name} (${entry.count})`));
  await keepScreenshot(page, 'figures-assessments');
  await expectAccessible(page);
});
