import type { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import type { Principal } from '@anchorlink/core';

/** How many distinct access tokens are remembered: about the sessions active within a token's 15 minutes. */
const MAX_TOKENS = 10_000;

/**
 * Only a header that is exactly `Bearer <jwt>` is remembered. passport-jwt reads
 * the header loosely (other casing, extra spaces, trailing words), so one valid
 * token could otherwise be stored under many headers and push every other
 * session out, or be padded to fill memory. Our tokens are about 400 characters.
 */
const CACHEABLE = /^Bearer [\w-]{1,2048}\.[\w-]{1,2048}\.[\w-]{1,512}$/;

/**
 * Access tokens already verified by passport-jwt, with their principal, until
 * they expire. Access tokens are stateless (nothing revokes one before its
 * `exp`), so answering a repeat from here gives exactly what verifying it
 * again would: the same claims, refused from the same second. What it saves is
 * passport's and jsonwebtoken's work on every request of a session (an HMAC,
 * two base64 decodes, a JSON parse, claim checks): a twentieth of the CPU of a
 * simple query. Only tokens that passed verification are stored, so a caller
 * cannot fill it with made-up ones, and only in their one canonical header.
 * An expired entry answers nothing and waits to be pushed out.
 */
export class VerifiedTokens {
  private readonly tokens = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: MAX_TOKENS });

  constructor(
    private readonly jwt: JwtService,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal of an Authorization header verified before, while its token is unexpired. */
  get(authorization: string): Principal | undefined {
    const entry = this.tokens.get(authorization);
    if (!entry) return undefined;
    // jsonwebtoken refuses a token from the second of its `exp` on: so does this.
    if (Math.floor(this.now() / 1000) >= entry.expiresAt) {
      this.tokens.delete(authorization);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a header whose token passport-jwt has just accepted, until the token's `exp`. */
  remember(authorization: string, principal: Principal): void {
    if (!CACHEABLE.test(authorization)) return;
    // Already verified by passport-jwt: only its `exp` is read here.
    const exp = this.jwt.decode<{ exp?: unknown } | null>(authorization.slice('Bearer '.length))?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp) || Math.floor(this.now() / 1000) >= exp) return;
    const frozen = Object.freeze({ ...principal, roles: Object.freeze([...principal.roles]) }) as Principal;
    this.tokens.set(authorization, { principal: frozen, expiresAt: exp });
  }
}
