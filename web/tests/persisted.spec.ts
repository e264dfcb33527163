import { expect, role, test } from './fixtures';

test('queries go as automatic persisted queries: by hash alone over GET once the Host knows them', async ({ page }) => {
  const graphqlRequests: { method: string; url: URL; body: string | null }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/graphql') graphqlRequests.push({ method: request.method(), url, body: request.postData() });
  });

  await page.goto(`/roles/${role}`);
  await expect(page.getByTestId('count-skills')).toContainText('74');
  // Whether this Host saw RolePage before or not (other tests ran), the page was asked for by hash over GET.
  const first = graphqlRequests.filter((r) => r.url.searchParams.get('operationName') === 'RolePage' || (r.body ?? '').includes('RolePage'));
  expect(first.length).toBeGreaterThan(0);
  expect(first[0].method).toBe('GET');
  expect(JSON.parse(first[0].url.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);

  graphqlRequests.length = 0;
  await page.reload();
  await expect(page.getByTestId('count-skills')).toContainText('74');
  // Now the Host knows the hash: one GET without the document's text, answered in full.
  const again = graphqlRequests.filter((r) => r.url.searchParams.get('operationName') === 'RolePage');
  expect(again).toHaveLength(1);
  expect(again[0].method).toBe('GET');
  expect(again[0].url.searchParams.get('query')).toBeNull();
  expect(graphqlRequests.filter((r) => r.method === 'POST' && (r.body ?? '').includes('RolePage'))).toHaveLength(0);
});
