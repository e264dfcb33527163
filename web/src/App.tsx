import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Link, NavLink, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { AuthProvider, useAuth } from './auth';
import { makeClient } from './client';
import { HomePage } from './pages/HomePage';
import { RolePage } from './pages/RolePage';
import { ComparePage } from './pages/ComparePage';
import { SignInPage } from './pages/SignInPage';
import { SignInCallbackPage } from './pages/SignInCallbackPage';
import { NotificationsPage } from './pages/NotificationsPage';

// The calculator draws with Chart.js: a chunk of its own, so the role page does not carry it.
const CalculatorPage = lazy(() => import('./pages/CalculatorPage'));
const FiguresPage = lazy(() => import('./pages/FiguresPage'));

function WithClient({ children }: { children: ReactNode }) {
  const { viewer } = useAuth();
  const token = viewer?.token ?? null;
  const client = useMemo(() => makeClient(token), [token]);
  return <Provider value={client}>{children}</Provider>;
}

function Header() {
  const { viewer, signOut } = useAuth();
  return (
    <header className="site-header">
      <Link to="/" className="brand">SkillMatrix</Link>
      <nav aria-label="Main">
        <NavLink to="/" end>Roles</NavLink>
        {viewer && <NavLink to="/notifications">Notifications</NavLink>}
      </nav>
      <div className="viewer">
        {viewer ? (
          <>
            <span data-testid="viewer-name">
              Signed in as <strong>{viewer.name}</strong>
              {viewer.roles.includes('expert') ? ' (expert)' : ''}
            </span>
            <button type="button" onClick={signOut}>Sign out</button>
          </>
        ) : (
          <Link to="/sign-in">Sign in</Link>
        )}
      </div>
    </header>
  );
}

export function App() {
  return (
    <AuthProvider>
      <WithClient>
        <BrowserRouter>
          <Header />
          <main id="main">
            <Suspense fallback={<p role="status">Loading…</p>}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/sign-in/callback" element={<SignInCallbackPage />} />
                <Route path="/roles/:slug" element={<RolePage />} />
                <Route path="/roles/:slug/compare" element={<ComparePage />} />
                <Route path="/roles/:slug/calculator" element={<CalculatorPage />} />
                <Route path="/roles/:slug/figures" element={<FiguresPage />} />
                <Route path="/notifications" element={<NotificationsPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </main>
        </BrowserRouter>
      </WithClient>
    </AuthProvider>
  );
}

function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no page here. <Link to="/">See the roles</Link>.
      </p>
    </>
  );
}
