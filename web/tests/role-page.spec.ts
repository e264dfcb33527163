import { api, expect, expectAccessible, keepScreenshot, role, test } from './fixtures';

test('the role page shows the counts, the ladder and the whole matrix from the API', async ({ page }) => {
  // The operations the page asked for, by name: as GET by hash (a persisted query) or, the first time the Host sees
  // the hash, the same operation again with its text.
  const requests = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/graphql') return;
    requests.add(request.method() === 'POST' ? (request.postDataJSON().operationName ?? '') : (url.searchParams.get('operationName') ?? ''));
  });
  await page.goto(`/roles/${role}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Backend Developer (Python)' })).toBeVisible();
  await expect(page.getByText('Developing and maintaining server-side logic, APIs, and microservices in Python')).toBeVisible();
  await expect(page.getByTestId('count-skills')).toHaveText('74 skills');
  await expect(page.getByTestId('count-levels')).toHaveText('5 levels');
  await expect(page.getByTestId('count-domains')).toHaveText('14 domains');
  await expect(page.getByTestId('count-mandatory')).toHaveText('291 mandatory');
  await expect(page.getByTestId('count-requirements')).toHaveText('357 requirements');

  const matrix = page.getByTestId('matrix');
  await expect(matrix.getByTestId('matrix-domain')).toHaveCount(14);
  await expect(matrix.getByTestId('matrix-row')).toHaveCount(74);
  await expect(matrix.getByTestId('cell')).toHaveCount(357);
  await expect(matrix.getByTestId('cell-empty')).toHaveCount(74 * 5 - 357);
  await expect(page.getByTestId('matrix-summary')).toHaveText('Showing 74 skills in 14 domains, 357 cells');
  // The seed page's first row of API & Integration: REST API Design, W A E E E, all mandatory.
  const rest = matrix.locator('[data-testid="matrix-row"][data-skill="rest-api-design"] [data-testid="cell"]');
  await expect(rest).toHaveCount(5);
  expect(await rest.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-proficiency')))).toEqual(['WORKING', 'ADVANCED', 'EXPERT', 'EXPERT', 'EXPERT']);
  await expect(rest.first()).toHaveAccessibleName('REST API Design at Junior: Working, mandatory');

  // The ladder: five levels with their focus and stack, as the API gives them.
  const levels = await api<{ role: { version: number; levels: { level: { key: string }; focus: string; techStack: string[] }[]; changes: { summary: string }[] } }>(
    `query($slug: String!) { role(slug: $slug) { version levels { level { key } focus techStack } changes { summary } } }`,
    { slug: role },
  );
  await expect(page.getByTestId('level')).toHaveCount(5);
  for (const level of levels.role.levels) {
    const card = page.locator(`[data-testid="level"][data-level="${level.level.key}"]`);
    await expect(card).toContainText(level.focus);
    await expect(card.getByRole('listitem')).toHaveText(level.techStack);
  }
  // The changelog as the API has it (a first import writes none: version 1 is the page as imported).
  await expect(page.getByTestId('changelog').getByRole('listitem')).toHaveCount(levels.role.changes.length);
  await expect(page.getByTestId('role-version')).toHaveText(String(levels.role.version));

  // The matrix (and everything else on the page) came from one query.
  expect([...requests]).toEqual(['RolePage']);
  await keepScreenshot(page, 'role-page');
  await expectAccessible(page);
});

test('the matrix filters by domain and by proficiency', async ({ page }) => {
  await page.goto(`/roles/${role}`);
  await page.getByLabel('Domain').selectOption({ label: 'Security' });
  await expect(page.getByTestId('matrix-row')).toHaveCount(4);
  await expect(page.getByTestId('matrix-summary')).toHaveText('Showing 4 skills in 1 domains, 20 cells');
  await page.getByLabel('Domain').selectOption({ label: 'All domains' });
  await page.getByLabel('Proficiency').selectOption({ label: 'Awareness' });
  const api_ = await api<{ role: { requirements: { skill: { slug: string } }[] } }>(
    `query($slug: String!) { role(slug: $slug) { requirements(where: { proficiency: { eq: AWARENESS } }) { skill { slug } } } }`,
    { slug: role },
  );
  const skills = new Set(api_.role.requirements.map((requirement) => requirement.skill.slug));
  await expect(page.getByTestId('matrix-row')).toHaveCount(skills.size);
  await expect(page.getByTestId('matrix-summary')).toHaveText(`Showing ${skills.size} skills in ${await page.getByTestId('matrix-domain').count()} domains, ${api_.role.requirements.length} cells`);
  // The cells the filter leaves out stay readable.
  await expectAccessible(page);
});

test('the keyboard moves through the matrix and Enter opens a cell’s details', async ({ page }) => {
  await page.goto(`/roles/${role}`);
  const first = page.locator('[data-row="0"][data-col="0"]');
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-row', '1');
  await expect(focused).toHaveAttribute('data-col', '1');
  const skill = await focused.getAttribute('data-skill');
  const proficiency = await focused.getAttribute('data-proficiency');
  await page.keyboard.press('Enter');
  const details = page.getByTestId('cell-details');
  await expect(details).toBeVisible();
  await expect(details.getByRole('heading', { level: 2 })).toContainText('at Middle');
  expect(skill).toBeTruthy();
  expect(proficiency).toBeTruthy();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('a cell’s details: skill, level, proficiency and its meaning, mandatory, proposals, and suggest-a-change', async ({ page }) => {
  await page.goto(`/roles/${role}`);
  await page.locator('[data-testid="cell"][data-skill="rest-api-design"][data-level="SENIOR"]').click();
  const details = page.getByTestId('cell-details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('REST API Design at Senior');
  await expect(details).toContainText('API & Integration');
  await expect(details.getByTestId('details-proficiency')).toHaveText('Expert');
  await expect(details).toContainText('Sets direction and standards');
  await expect(details.getByTestId('details-mandatory')).toHaveText('Yes');
  await expect(details.getByRole('heading', { name: 'Open proposals on this cell' })).toBeVisible();
  await expect(details.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await keepScreenshot(page, 'cell-details');
  await expectAccessible(page);
});

test('the home page lists families and roles and searches them', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: 'Backend Engineering' })).toBeVisible();
  await page.getByLabel('Search roles').fill('python');
  await expect(page.getByRole('link', { name: 'Backend Developer (Python)' })).toBeVisible();
  await page.getByLabel('Search roles').fill('cobol');
  await expect(page.getByText('No role matches “cobol”.')).toBeVisible();
  await page.getByLabel('Search roles').fill('');
  await keepScreenshot(page, 'home');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Backend Developer (Python)' }).click();
  await expect(page).toHaveURL(new RegExp(`/roles/${role}$`));
});
