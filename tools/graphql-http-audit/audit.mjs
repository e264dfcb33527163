// Runs the graphql-http server audits (the GraphQL-over-HTTP spec's conformance checks) against a running
// endpoint and prints every result. Exit code: 0 when every audit passed; 1 when any audit is not "ok" (a
// failed MUST is an error, a failed SHOULD a warning, a failed MAY a notice: we hold the endpoint to all of
// them); 2 when the audit could not run (server unreachable, bad arguments); 3 when the npm packages are missing.
//
//   node tools/graphql-http-audit/audit.mjs http://localhost:5000/graphql

const url = process.argv[2];
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: node tools/graphql-http-audit/audit.mjs <http(s) URL of the GraphQL endpoint>');
  process.exit(2);
}

let serverAudits;
try {
  ({ serverAudits } = await import('graphql-http'));
} catch (error) {
  console.error(`Cannot load graphql-http (${error.message}).`);
  console.error('Install the audit packages first: npm ci --prefix tools/graphql-http-audit');
  process.exit(3);
}

// Each audit is one fetch; a hung server must fail the run, not stall it.
const timeoutMs = 15_000;
const fetchFn = (input, init = {}) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });

const marks = { ok: 'PASS', warn: 'WARN', notice: 'NOTE', error: 'FAIL' };

async function describe(response) {
  if (!response) return '';
  let body = '';
  try {
    body = await response.clone().text();
  } catch {
    body = '(body already read)';
  }
  const contentType = response.headers.get('content-type') ?? '(none)';
  return `      response: ${response.status}, content-type: ${contentType}\n      body: ${body.slice(0, 500)}`;
}

let results;
try {
  results = await Promise.all(serverAudits({ url, fetchFn }).map(({ fn }) => fn()));
} catch (error) {
  console.error(`The audit could not run against ${url}: ${error?.stack ?? error}`);
  process.exit(2);
}

const counts = { ok: 0, warn: 0, notice: 0, error: 0 };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  console.log(`${marks[result.status] ?? result.status} ${result.id} ${result.name}`);
  if (result.status !== 'ok') {
    console.log(`      reason: ${result.reason}`);
    console.log(await describe(result.response));
  }
}

console.log(
  `\n${results.length} audits against ${url}: ${counts.ok} passed, ${counts.warn} warnings, ` +
    `${counts.notice} notices, ${counts.error} errors.`,
);
process.exit(results.length > 0 && counts.ok === results.length ? 0 : 1);
