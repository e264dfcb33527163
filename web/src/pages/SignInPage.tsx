import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth';

/**
 * Local mode: the server checks HS256 tokens that its `token` verb signs; the page takes one and keeps it in this
 * browser. (OpenID Connect's code flow against Auth:Authority is not built yet.)
 */
export function SignInPage() {
  const { viewer, signIn, signOut } = useAuth();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tokenId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const failure = signIn(token);
    setProblem(failure);
    if (!failure) navigate(params.get('next') ?? '/');
  }

  return (
    <>
      <h1>Sign in</h1>
      {viewer && (
        <p role="status">
          You are signed in as <strong>{viewer.name}</strong>. <button type="button" onClick={signOut}>Sign out</button>
        </p>
      )}
      <p>
        On a local server (Development), make a token with the Host's <code>token</code> verb and paste it here; add{' '}
        <code>--role expert</code> to review proposals:
      </p>
      <pre>dotnet run --project src/Host -- token --sub alice --name Alice</pre>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={tokenId}>Token</label>
          <textarea id={tokenId} rows={4} value={token} onChange={(event) => setToken(event.target.value)} required />
        </div>
        {problem && <p role="alert" className="error">{problem}</p>}
        <button type="submit">Sign in</button>
      </form>
    </>
  );
}
