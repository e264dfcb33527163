/**
 * OpenID Connect's authorization code flow with PKCE (RFC 7636), for a server in OIDC mode: the browser goes to the
 * issuer's authorization endpoint and comes back to /sign-in/callback with a code, which it exchanges, with the
 * verifier only it knows, for the access token the API checks. No client secret: a browser cannot keep one.
 */
export interface OidcClient {
  authority: string;
  clientId: string;
}

interface Pending {
  verifier: string;
  state: string;
  next: string;
  tokenEndpoint: string;
  clientId: string;
}

const pendingKey = 'skillmatrix.oidc.pending';

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (length: number) => base64Url(crypto.getRandomValues(new Uint8Array(length)));

export const callbackUri = () => `${window.location.origin}/sign-in/callback`;

/** Leaves for the issuer's sign-in page; the answer comes back to {@link callbackUri}. */
export async function startSignIn(client: OidcClient, next: string): Promise<void> {
  const response = await fetch(`${client.authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The issuer's discovery document answered ${response.status}.`);
  const discovery = (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = random(48);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const pending: Pending = { verifier, state: random(16), next, tokenEndpoint: discovery.token_endpoint, clientId: client.clientId };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: callbackUri(),
    scope: 'openid profile',
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On /sign-in/callback: checks the state, exchanges the code, and gives the access token and where to go next. */
export async function finishSignIn(answer: URLSearchParams): Promise<{ token: string; next: string }> {
  const saved = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  if (!saved) throw new Error('No sign-in was started in this tab.');
  const pending = JSON.parse(saved) as Pending;
  if (answer.get('error')) throw new Error(answer.get('error_description') ?? answer.get('error')!);
  if (answer.get('state') !== pending.state) throw new Error('The issuer’s answer does not belong to this sign-in (state differs).');
  const code = answer.get('code');
  if (!code) throw new Error('The issuer’s answer has no code.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackUri(), client_id: pending.clientId, code_verifier: pending.verifier }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; error_description?: string; error?: string };
  if (!response.ok || !tokens.access_token) throw new Error(tokens.error_description ?? tokens.error ?? `The token endpoint answered ${response.status}.`);
  return { token: tokens.access_token, next: pending.next };
}
