import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { REQUEST_CONTEXT_KEY, requestOf, requestOfGraphQLContext, type RequestWithContext } from './http-request.js';
import type { RequestContext } from './request-context.js';
import type { OrgKind, Role } from './roles.js';

export const IS_PUBLIC_KEY = 'anchorlink:public';
export const ROLES_KEY = 'anchorlink:roles';
export const ORG_KINDS_KEY = 'anchorlink:orgKinds';

/** No sign-in needed (login, refresh, accepting an invitation). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller needs at least one of these roles; FORBIDDEN otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller's organization must be of one of these kinds; FORBIDDEN otherwise. */
export const OrgKinds = (...kinds: OrgKind[]) => SetMetadata(ORG_KINDS_KEY, kinds);

function contextOf(req: RequestWithContext): RequestContext {
  const ctx = req[REQUEST_CONTEXT_KEY];
  if (!ctx) throw new Error('No RequestContext: is the auth guard installed?');
  return ctx;
}

/** The RequestContext the auth guard built for this request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => contextOf(requestOf(context)));

/**
 * The RequestContext from a field resolver's raw GraphQL context (its third
 * argument). For the few field resolvers that run once per row of a list
 * (an order's lines, anchor, supplier): a method without parameter
 * decorators is called by NestJS with graphql-js's own arguments, which skips
 * resolving and piping each parameter through promises. For 50 orders that
 * was a tenth of the garbage of a list request.
 */
export function requestContextOf(graphqlContext: unknown): RequestContext {
  return contextOf(requestOfGraphQLContext(graphqlContext));
}
