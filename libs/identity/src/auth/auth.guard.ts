import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  DEFAULT_LOCALE,
  ForbiddenError,
  IS_PUBLIC_KEY,
  type Locale,
  ORG_KINDS_KEY,
  type OrgKind,
  type Principal,
  READ_ONLY_REQUEST,
  REQUEST_CONTEXT_KEY,
  RequestContext,
  type RequestWithContext,
  requestOf,
  ROLES_KEY,
  type Role,
  UnauthenticatedError,
  t,
} from '@anchorlink/core';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { SIGN_IN_KEY, signInBesideOthers } from './sign-in.js';
import { VerifiedTokens } from './verified-tokens.js';

/**
 * The global guard. Builds the request's RequestContext once (from the bearer
 * token through passport-jwt, from an `X-Api-Key`, or anonymous; always
 * anonymous for a sign-in, which ignores credentials sent along), then checks
 * @Public, @Roles and @OrgKinds for each resolver or route. An operation with
 * a sign-in beside any other field is refused (BAD_USER_INPUT) before any of
 * its fields runs.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly verifiedTokens: VerifiedTokens,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context);
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false;
    const isSignIn = this.reflector.getAllAndOverride<boolean>(SIGN_IN_KEY, targets) ?? false;
    // Before the context: its credentials may be refused, and an operation with a sign-in is refused for its shape first.
    const besideOthers = signInBesideOthers(context);

    let ctx = req[REQUEST_CONTEXT_KEY];
    if (!ctx) {
      ctx =
        isSignIn || besideOthers
          ? RequestContext.anonymous(this.requestIdOf(req), localeFromHeader(req.headers['accept-language']))
          : await this.buildContext(context, req, isPublic);
      ctx.clientIp = req.ip ?? null;
      ctx.readOnly = req[READ_ONLY_REQUEST] === true;
      req[REQUEST_CONTEXT_KEY] = ctx;
    }
    if (besideOthers) throw new BadUserInputError(ctx.t('auth.signInAlone'));
    // Unreachable while a sign-in is alone in its operation (its context is then built for it, anonymous); kept as a guard.
    if (isSignIn && ctx.isAuthenticated) throw new BadUserInputError(ctx.t('auth.signInAlone'));
    if (isPublic) return true;
    if (!ctx.isAuthenticated) throw new UnauthenticatedError(ctx.t('error.unauthenticated'));

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !ctx.hasRole(...roles)) throw new ForbiddenError(ctx.t('error.forbidden'));
    const kinds = this.reflector.getAllAndOverride<OrgKind[] | undefined>(ORG_KINDS_KEY, targets);
    if (kinds?.length && !kinds.includes(ctx.organizationKind)) {
      throw new ForbiddenError(ctx.t('error.forbiddenOrgKind', { kind: kinds.join(' / ') }));
    }
    return true;
  }

  override getRequest(context: ExecutionContext): RequestWithContext {
    return requestOf(context);
  }

  private requestIdOf(req: RequestWithContext): string {
    return req.id !== undefined ? String(req.id) : randomUUID();
  }

  private async buildContext(context: ExecutionContext, req: RequestWithContext, isPublic: boolean): Promise<RequestContext> {
    const requestId = this.requestIdOf(req);
    const locale = localeFromHeader(req.headers['accept-language']);
    const apiKey = req.headers['x-api-key'];
    if (apiKey !== undefined && !req.headers.authorization) {
      const principal = typeof apiKey === 'string' ? await this.apiKeys.authenticate(apiKey.trim()) : null;
      if (!principal) throw new UnauthenticatedError(t(locale, 'error.apiKeyInvalid'));
      return new RequestContext(requestId, principal);
    }
    const authorization = req.headers.authorization;
    if (!authorization) return RequestContext.anonymous(requestId, locale);
    // (Node keeps the first of repeated Authorization headers; the type allows an array, which is never kept.)
    let principal = typeof authorization === 'string' ? this.verifiedTokens.get(authorization) : undefined;
    if (!principal) {
      try {
        await super.canActivate(context);
      } catch {
        // A stale token must not stop someone from signing in again.
        if (isPublic) return RequestContext.anonymous(requestId, locale);
        throw new UnauthenticatedError(t(locale, 'error.tokenInvalid'));
      }
      principal = (req as RequestWithContext & { user?: Principal }).user;
      if (!principal) throw new UnauthenticatedError(t(locale, 'error.tokenInvalid'));
      if (typeof authorization === 'string') this.verifiedTokens.remember(authorization, principal);
    }
    // A language asked for by name in this request (the portal's language switch) wins over the user's setting.
    const asked = explicitLocale(req.headers['accept-language']);
    return new RequestContext(requestId, asked && asked !== principal.locale ? { ...principal, locale: asked } : principal);
  }
}

/** The supported locale an Accept-Language header asks for first, or null when it asks for none of them. */
export function explicitLocale(header: string | string[] | undefined): Locale | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  if (!value) return null;
  const first = value.split(',')[0].split(';')[0].trim();
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh')) return 'zh-CN';
  return null;
}

export function localeFromHeader(header: string | string[] | undefined): Locale {
  return explicitLocale(header) ?? DEFAULT_LOCALE;
}
