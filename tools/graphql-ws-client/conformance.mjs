// Drives a running SkillMatrix endpoint with the reference graphql-ws client (the npm package clients build on):
//   node conformance.mjs <http://host:port/graphql> <author token> <watcher token> <role slug>
// Each check prints "ok - ..." or "not ok - ..."; the exit code is the number of failures.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, authorToken, watcherToken, role] = process.argv.slice(2);
if (!url || !authorToken || !watcherToken || !role) {
  console.error('usage: node conformance.mjs <http url> <author token> <watcher token> <role slug>');
  process.exit(2);
}

const wsUrl = url.replace(/^http/, 'ws');
let failures = 0;

function client(token, extra = {}) {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : undefined,
    ...extra,
  });
}

function withTimeout(promise, what, ms = 10000) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

async function check(name, run) {
  try {
    await withTimeout(run(), name);
    console.log(`ok - ${name}`);
  } catch (error) {
    failures++;
    console.log(`not ok - ${name}: ${error?.stack ?? JSON.stringify(error)}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function post(query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert(!body.errors, `request failed: ${JSON.stringify(body)}`);
  return body.data;
}

// The first result of an operation, and how it ended.
function first(c, payload) {
  return new Promise((resolve, reject) => {
    let result;
    c.subscribe(payload, {
      next: (value) => { result ??= value; },
      error: reject,
      complete: () => resolve(result),
    });
  });
}

await check('a query over the WebSocket answers one result and completes', async () => {
  const c = client();
  try {
    const result = await first(c, { query: `query($slug: String!) { role(slug: $slug) { slug } }`, variables: { slug: role } });
    assert(result?.data?.role?.slug === role, `unexpected result ${JSON.stringify(result)}`);
  } finally {
    await c.dispose();
  }
});

await check('anonymous myNotifications is refused with AUTH_NOT_AUTHENTICATED', async () => {
  const c = client();
  try {
    const errors = await new Promise((resolve, reject) => {
      c.subscribe({ query: 'subscription { myNotifications { id } }' }, { next: () => reject(new Error('got a result')), error: resolve, complete: () => reject(new Error('completed')) });
    });
    assert(Array.isArray(errors) && errors[0]?.extensions?.code === 'AUTH_NOT_AUTHENTICATED', `unexpected errors ${JSON.stringify(errors)}`);
  } finally {
    await c.dispose();
  }
});

await check('a refused token closes the socket with 4403', async () => {
  const closed = new Promise((resolve) => {
    const c = client('not-a-token', { lazy: false, on: { closed: (event) => resolve(event.code) }, onNonLazyError: () => {} });
    c.on('error', () => {});
  });
  const code = await closed;
  assert(code === 4403, `closed with ${code}`);
});

await check('a proposal by another member reaches proposalChanged and the watcher\'s myNotifications', async () => {
  await post(`mutation($slug: String!) { watchRole(input: { roleSlug: $slug }) { errors { __typename } } }`, { slug: role }, watcherToken);
  const anonymous = client();
  const watcher = client(watcherToken);
  try {
    const events = [];
    const proposalEvent = new Promise((resolve, reject) => {
      anonymous.subscribe({ query: `subscription($slug: String!) { proposalChanged(roleSlug: $slug) { kind proposal { id status score } } }`, variables: { slug: role } },
        { next: resolve, error: reject, complete: () => {} });
    });
    const notification = new Promise((resolve, reject) => {
      watcher.subscribe({ query: 'subscription { myNotifications { kind proposal { id } } }' }, { next: resolve, error: reject, complete: () => {} });
    });
    // graphql-ws offers no "subscribed" signal; a round trip on each socket (a query) follows the subscribe in order.
    await first(anonymous, { query: '{ __typename }' });
    await first(watcher, { query: '{ __typename }' });

    const data = await post(`mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { proposal { id } errors { __typename } } }`,
      { input: { roleSlug: role, skill: 'rest-api-design', level: 'MIDDLE', proficiency: 'EXPERT', title: 'From Node', rationale: 'graphql-ws conformance' } }, authorToken);
    const id = data.suggestChange.proposal.id;

    const event = await proposalEvent;
    events.push(event);
    assert(event.data.proposalChanged.kind === 'CREATED' && event.data.proposalChanged.proposal.id === id
      && event.data.proposalChanged.proposal.status === 'OPEN' && event.data.proposalChanged.proposal.score === 0, `unexpected event ${JSON.stringify(event)}`);
    const told = await notification;
    assert(told.data.myNotifications.kind === 'PROPOSAL_CREATED' && told.data.myNotifications.proposal.id === id, `unexpected notification ${JSON.stringify(told)}`);
  } finally {
    await anonymous.dispose();
    await watcher.dispose();
  }
});

process.exit(failures);
