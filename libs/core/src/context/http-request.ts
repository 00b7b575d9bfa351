import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from './request-context.js';

/** Where the guard leaves the RequestContext on the HTTP request (or the WebSocket context). */
export const REQUEST_CONTEXT_KEY = Symbol('anchorlink.requestContext');

/** Set on the HTTP request when its GraphQL operation is a query (before the guard builds the context). */
export const READ_ONLY_REQUEST = Symbol('anchorlink.readOnlyRequest');

export interface RequestWithContext {
  id?: string | number;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  [REQUEST_CONTEXT_KEY]?: RequestContext;
  [READ_ONLY_REQUEST]?: boolean;
}

/** The request object behind a GraphQL context (a resolver's third argument). */
export function requestOfGraphQLContext(graphqlContext: unknown): RequestWithContext {
  const holder = graphqlContext as { req?: RequestWithContext };
  // Over graphql-ws there is no HTTP request: the connection context stands in for it.
  return holder.req ?? (holder as RequestWithContext);
}

/** The request object of an HTTP or GraphQL execution context. */
export function requestOf(context: ExecutionContext): RequestWithContext {
  if (context.getType<string>() === 'graphql') return requestOfGraphQLContext(GqlExecutionContext.create(context).getContext());
  return context.switchToHttp().getRequest<RequestWithContext>();
}
