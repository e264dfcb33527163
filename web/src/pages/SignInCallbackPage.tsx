import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { finishSignIn } from '../oidc';

/** Where the issuer sends the browser back: the code becomes a token, and the person goes where they were going. */
export function SignInCallbackPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // the code can be exchanged once only
    started.current = true;
    finishSignIn(new URLSearchParams(window.location.search))
      .then(({ token, next }) => {
        const failure = signIn(token);
        if (failure) setProblem(failure);
        else navigate(next, { replace: true });
      })
      .catch((error: Error) => setProblem(error.message));
  }, [signIn, navigate]);

  return (
    <>
      <h1>Signing in</h1>
      {problem ? <p role="alert" className="error">{problem}</p> : <p role="status">Finishing the sign-in…</p>}
    </>
  );
}
