import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * An OpenID Connect issuer for the browser tests, on loopback: discovery, keys, an authorization endpoint where
 * "Oscar" signs in at once, and a token endpoint that checks the PKCE verifier against the challenge and signs an
 * RS256 access token for the API's audience. Enough of the protocol to prove the client's code flow against the Host.
 */
export async function startFakeIssuer(audience: string, clientId: string): Promise<{ issuer: string; server: Server }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = { ...publicKey.export({ format: 'jwk' }), kid: 'fake-issuer-1', use: 'sig', alg: 'RS256' };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
  let issuer = '';

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify(body));
  };
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => resolve(text));
    });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'GET, POST' });
      response.end();
    } else if (url.pathname === '/.well-known/openid-configuration') {
      send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    } else if (url.pathname === '/jwks') {
      send(response, 200, { keys: [key] });
    } else if (url.pathname === '/authorize') {
      const query = url.searchParams;
      if (query.get('client_id') !== clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge')) {
        send(response, 400, { error: 'invalid_request' });
        return;
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: query.get('code_challenge')!, redirectUri: query.get('redirect_uri')! });
      const back = new URL(query.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      response.end();
    } else if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await read(request));
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const proof = b64(createHash('sha256').update(form.get('code_verifier') ?? '').digest());
      if (!grant || form.get('client_id') !== clientId || form.get('redirect_uri') !== grant.redirectUri || proof !== grant.challenge) {
        send(response, 400, { error: 'invalid_grant', error_description: 'The code, the redirect or the verifier does not match.' });
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
      const claims = b64(JSON.stringify({ iss: issuer, aud: audience, sub: 'oscar', name: 'Oscar', iat: now, nbf: now, exp: now + 3600 }));
      const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey).toString('base64url');
      send(response, 200, { access_token: `${header}.${claims}.${signature}`, token_type: 'Bearer', expires_in: 3600 });
    } else {
      send(response, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { issuer, server };
}
