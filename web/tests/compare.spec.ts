import { api, expect, expectAccessible, keepScreenshot, role, test } from './fixtures';

type Cell = { proficiency: string; mandatory: boolean } | null;
const order = ['AWARENESS', 'WORKING', 'ADVANCED', 'EXPERT'];

test('comparing Middle and Senior gives the counts the API’s matrix gives', async ({ page }) => {
  const data = await api<{ role: { levels: { level: { key: string } }[]; matrix: { skills: { skill: { name: string }; cells: Cell[] }[] }[] } }>(
    `query($slug: String!) { role(slug: $slug) { levels { level { key } } matrix { skills { skill { name } cells { proficiency mandatory } } } } }`,
    { slug: role },
  );
  const keys = data.role.levels.map((entry) => entry.level.key);
  const [middle, senior] = [keys.indexOf('MIDDLE'), keys.indexOf('SENIOR')];
  const rows = data.role.matrix.flatMap((group) => group.skills);
  const expected = {
    new: rows.filter((row) => !row.cells[middle] && row.cells[senior]).length,
    raised: rows.filter((row) => row.cells[middle] && row.cells[senior] && order.indexOf(row.cells[senior]!.proficiency) > order.indexOf(row.cells[middle]!.proficiency)).length,
    mandatory: rows.filter((row) => row.cells[senior]?.mandatory && !row.cells[middle]?.mandatory).length,
  };
  // The seed page's Middle → Senior is mostly W → A: a comparison with nothing in it would prove little.
  expect(expected.raised).toBeGreaterThan(50);

  await page.goto(`/roles/${role}`);
  await page.getByRole('link', { name: 'Compare levels' }).click();
  await page.getByLabel('From level').selectOption({ label: 'Middle' });
  await page.getByLabel('To level').selectOption({ label: 'Senior' });
  await expect(page.getByTestId('compare-count-new')).toHaveText(`${expected.new} new skills`);
  await expect(page.getByTestId('compare-count-raised')).toHaveText(`${expected.raised} raised proficiencies`);
  await expect(page.getByTestId('compare-count-mandatory')).toHaveText(`${expected.mandatory} newly mandatory`);
  await expect(page.getByRole('heading', { name: `Raised proficiencies (${expected.raised})` })).toBeVisible();
  await expect(page).toHaveURL(/from=MIDDLE/);
  await keepScreenshot(page, 'compare');
  await expectAccessible(page);
});
