import type { SessionFieldsFragment } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { getSession, setSession } from './session.js';

export const REFRESH = graphql(`
  mutation Refresh($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...SessionFields
    }
  }
`);

/** Why the last session ended, for the sign-in page ('expired' after a refused refresh). */
export let sessionEndReason: 'expired' | null = null;
export function clearSessionEndReason(): void {
  sessionEndReason = null;
}

const NEAR_EXPIRY_MS = 30_000;
let inFlight: Promise<void> | null = null;

export function nearExpiry(): boolean {
  const session = getSession();
  return !!session && Date.parse(session.accessTokenExpiresAt) - Date.now() < NEAR_EXPIRY_MS;
}

/**
 * Trades the refresh token for new tokens, once at a time across every tab:
 * the API rotates refresh tokens and treats a reused one as theft (it revokes
 * the family), so two tabs refreshing with the same token would sign the user
 * out. Under the lock the session is read again; when another tab already
 * refreshed it (the access token `failed` is gone and the new one is not near
 * expiry) nothing is sent. A refusal ends the session; a network error keeps it.
 */
/** Sends the refresh: the new tokens, or null; `refused` when the API said UNAUTHENTICATED (not for a network error). */
export type RefreshCall = (refreshToken: string) => Promise<{ payload: SessionFieldsFragment | null; refused: boolean }>;

export function refreshSession(call: RefreshCall, failed: string | null): Promise<void> {
  inFlight ??= withLock(async () => {
    const session = getSession();
    if (!session) return;
    if (session.accessToken !== failed && !nearExpiry()) return;
    const { payload, refused } = await call(session.refreshToken);
    if (payload) setSession(payload);
    else if (refused) {
      sessionEndReason = 'expired';
      setSession(null);
    }
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** navigator.locks where the browser offers it (secure contexts), else a lease in localStorage. */
async function withLock(work: () => Promise<void>): Promise<void> {
  if (navigator.locks) return navigator.locks.request('anchorlink.refresh', work);
  const key = 'anchorlink.refresh-lease';
  const me = Math.random().toString(36).slice(2);
  for (let i = 0; i < 50; i++) {
    const lease = localStorage.getItem(key);
    if (!lease || Number(lease.split(':')[1]) < Date.now()) {
      localStorage.setItem(key, `${me}:${Date.now() + 10_000}`);
      await new Promise((r) => setTimeout(r, 20));
      if (localStorage.getItem(key)?.startsWith(`${me}:`)) break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await work();
  } finally {
    if (localStorage.getItem(key)?.startsWith(`${me}:`)) localStorage.removeItem(key);
  }
}
