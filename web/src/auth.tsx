import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Who is signed in: read from the bearer token's claims (the server checks the token; the client only shows them). */
export interface Viewer {
  token: string;
  id: string;
  name: string;
  roles: string[];
  expiresAt: number | null;
}

interface AuthState {
  viewer: Viewer | null;
  signIn(token: string): string | null;
  signOut(): void;
}

const storageKey = 'skillmatrix.token';
const AuthContext = createContext<AuthState | null>(null);

/** The claims of a JWT, or null when the text is not one. Nothing is verified here: the server does that. */
export function readToken(token: string): Viewer | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
    const role = claims.role ?? claims['http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];
    const roles = Array.isArray(role) ? role.map(String) : role ? [String(role)] : [];
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    return {
      token: token.trim(),
      id: sub,
      name: typeof claims.name === 'string' ? claims.name : sub,
      roles,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

function stored(): Viewer | null {
  const token = localStorage.getItem(storageKey);
  const viewer = token ? readToken(token) : null;
  return viewer && (viewer.expiresAt === null || viewer.expiresAt > Date.now()) ? viewer : null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null>(stored);
  const signIn = useCallback((token: string) => {
    const read = readToken(token);
    if (!read) return 'That is not a token: it has three parts separated by dots.';
    if (read.expiresAt !== null && read.expiresAt <= Date.now()) return 'That token has expired.';
    localStorage.setItem(storageKey, read.token);
    setViewer(read);
    return null;
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(storageKey);
    setViewer(null);
  }, []);
  const value = useMemo(() => ({ viewer, signIn, signOut }), [viewer, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
