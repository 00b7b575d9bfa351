import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, type Locale, type MessageKey, type MessageParam, t } from '../i18n/messages.js';
import { RequestScope } from './request-scope.js';
import { OrgKind, Role } from './roles.js';

/** Who is calling, as established once per request by the auth guard. */
export interface Principal {
  userId: string | null;
  organizationId: string;
  organizationKind: OrgKind;
  roles: readonly Role[];
  locale: Locale;
  /** Set when the caller authenticated with an API key instead of a user token. */
  apiKeyId?: string;
}

/**
 * Per-request state passed explicitly as the first argument of every service
 * method (as Vendure does). It carries the caller, the locale for messages and
 * the request's database transaction, which is opened lazily by DatabaseGate.
 */
export class RequestContext {
  /** Opaque slot owned by DatabaseGate: the request's open transaction. */
  transaction: unknown = undefined;
  /** Per-request caches (DataLoaders, lookups), keyed by their slots; cleared when a mutation ends. */
  readonly scope = new RequestScope();
  /** The caller's IP address (behind TRUST_PROXY proxies), when known. */
  clientIp: string | null = null;
  /** Work to do once the request's transaction has committed (publishing events); dropped on rollback. */
  readonly afterCommit: (() => void | Promise<void>)[] = [];
  /** A GraphQL query operation: it may read from a replica (set before execution). */
  readOnly = false;
  /** The request changed data (a mutation ran): later reads by the same caller must see it. */
  wrote = false;

  constructor(
    readonly requestId: string,
    private _principal: Principal | null,
    private _locale: Locale = _principal?.locale ?? DEFAULT_LOCALE,
  ) {}

  get principal(): Principal | null {
    return this._principal;
  }

  get locale(): Locale {
    return this._locale;
  }

  /**
   * Sign-in flows (login, refresh, accepting an invitation) establish who the
   * caller is in the middle of a request: the rest of that request, including
   * the field resolvers of the returned payload, then runs as that user.
   */
  signedIn(principal: Principal): void {
    if (this._principal) throw new Error('RequestContext.signedIn called on an authenticated context');
    this._principal = principal;
    this._locale = principal.locale;
  }

  static anonymous(requestId: string = randomUUID(), locale: Locale = DEFAULT_LOCALE): RequestContext {
    return new RequestContext(requestId, null, locale);
  }

  /** A context for background work on behalf of one organization (worker, seeding, tests). */
  static forOrganization(organizationId: string, organizationKind: OrgKind, roles: Role[] = []): RequestContext {
    return new RequestContext(randomUUID(), {
      userId: null,
      organizationId,
      organizationKind,
      roles,
      locale: DEFAULT_LOCALE,
    });
  }

  get isAuthenticated(): boolean {
    return this.principal !== null;
  }

  /** The caller's organization; only call after the guard has required authentication. */
  get organizationId(): string {
    if (!this.principal) throw new Error('RequestContext.organizationId read on an anonymous context');
    return this.principal.organizationId;
  }

  get organizationKind(): OrgKind {
    if (!this.principal) throw new Error('RequestContext.organizationKind read on an anonymous context');
    return this.principal.organizationKind;
  }

  get userId(): string | null {
    return this.principal?.userId ?? null;
  }

  get roles(): readonly Role[] {
    return this.principal?.roles ?? [];
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((r) => this.roles.includes(r));
  }

  /** Message in the caller's locale. */
  t(key: MessageKey, params?: Record<string, MessageParam>): string {
    return t(this.locale, key, params);
  }
}
