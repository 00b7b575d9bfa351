import { graphql } from './gql/index.js';
import type { SessionFieldsFragment } from './gql/graphql.js';

/** What every way of signing in (login, invitation, refresh) returns and the portal keeps. */
export const SESSION_FIELDS = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      email
      displayName
      roles
      organization {
        id
        name
        kind
      }
    }
  }
`);

/** The signed-in user's tokens and who they are, as a sign-in returned them; kept across reloads (localStorage) and shared by every tab. */
export type Session = SessionFieldsFragment;

const KEY = 'anchorlink.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function getSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Another tab signed in or out. */
window.addEventListener('storage', (event) => {
  if (event.key === KEY) for (const listener of listeners) listener(getSession());
});
