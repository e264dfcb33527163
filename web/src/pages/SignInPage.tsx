import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth';
import { startSignIn } from '../oidc';

/** What GET /auth/config says: how this server signs people in. */
interface SignInConfiguration {
  mode: 'local' | 'oidc' | 'none';
  authority: string | null;
  clientId: string | null;
  localSignIn: boolean;
}

/**
 * Sign-in as the server allows it (GET /auth/config). In Development the server issues local tokens over
 * POST /auth/token, so a name (and the expert role, to review) is enough; a token made by the Host's `token` verb can be
 * pasted too. In OIDC mode, a button starts the authorization code flow with PKCE against Auth:Authority.
 */
export function SignInPage() {
  const { viewer, signIn, signOut } = useAuth();
  const [config, setConfig] = useState<SignInConfiguration | null>(null);
  const [member, setMember] = useState('');
  const [name, setName] = useState('');
  const [expert, setExpert] = useState(false);
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ids = { member: useId(), name: useId(), expert: useId(), token: useId() };

  useEffect(() => {
    let live = true;
    fetch('/auth/config')
      .then((response) => (response.ok ? (response.json() as Promise<SignInConfiguration>) : null))
      .then((answer) => live && setConfig(answer))
      .catch(() => live && setConfig(null));
    return () => {
      live = false;
    };
  }, []);

  function done(failure: string | null) {
    setProblem(failure);
    if (!failure) navigate(params.get('next') ?? '/');
  }

  async function signInLocally(event: FormEvent) {
    event.preventDefault();
    const response = await fetch('/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: member.trim(), name: name.trim() || undefined, roles: expert ? ['expert'] : [] }),
    });
    const answer = (await response.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
    done(response.ok && answer.access_token ? signIn(answer.access_token) : (answer.error_description ?? `The server answered ${response.status}.`));
  }

  function signInWithToken(event: FormEvent) {
    event.preventDefault();
    done(signIn(token));
  }

  return (
    <>
      <h1>Sign in</h1>
      {viewer && (
        <p role="status">
          You are signed in as <strong>{viewer.name}</strong>. <button type="button" onClick={signOut}>Sign out</button>
        </p>
      )}
      {config?.localSignIn && (
        <form onSubmit={signInLocally} className="stack" aria-label="Development sign-in">
          <p>This server runs in development: pick who you are.</p>
          <div className="field">
            <label htmlFor={ids.member}>Member id</label>
            <input id={ids.member} value={member} onChange={(event) => setMember(event.target.value)} required pattern="[A-Za-z0-9._@\-]+" />
          </div>
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <input id={ids.expert} type="checkbox" checked={expert} onChange={(event) => setExpert(event.target.checked)} />
            <label htmlFor={ids.expert}>Expert (reviews proposals)</label>
          </div>
          <button type="submit">Sign in</button>
        </form>
      )}
      {config?.mode === 'oidc' && config.authority && config.clientId && (
        <p>
          <button
            type="button"
            onClick={() => startSignIn({ authority: config.authority!, clientId: config.clientId! }, params.get('next') ?? '/').catch((error: Error) => setProblem(error.message))}
          >
            Sign in with {new URL(config.authority).host}
          </button>
        </p>
      )}
      {config?.mode === 'oidc' && !config.clientId && (
        <p role="note">
          This server trusts the OpenID Connect issuer <code>{config.authority}</code> but names no client for this page
          (<code>Auth:ClientId</code>); paste a token that issuer gave you.
        </p>
      )}
      {config?.mode === 'none' && <p role="note">This server has no sign-in configured: everything here is read-only.</p>}
      {problem && <p role="alert" className="error">{problem}</p>}
      <details open={config !== null && !config.localSignIn && config.mode !== 'none'}>
        <summary>Sign in with a token</summary>
        <p>
          On a local server, the Host's <code>token</code> verb makes one; add <code>--role expert</code> to review proposals:
        </p>
        <pre>dotnet run --project src/Host -- token --sub alice --name Alice</pre>
        <form onSubmit={signInWithToken} className="stack">
          <div className="field">
            <label htmlFor={ids.token}>Token</label>
            <textarea id={ids.token} rows={4} value={token} onChange={(event) => setToken(event.target.value)} required />
          </div>
          <button type="submit">Sign in with this token</button>
        </form>
      </details>
    </>
  );
}
