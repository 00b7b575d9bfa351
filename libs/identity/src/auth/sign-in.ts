import { applyDecorators, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { Extensions, GqlExecutionContext } from '@nestjs/graphql';
import {
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import { Public } from '@anchorlink/core';

export const SIGN_IN_KEY = 'anchorlink:signIn';
/** The schema extension that marks a sign-in mutation (read for the other fields of an operation). */
const SIGN_IN_EXTENSION = 'anchorlinkSignIn';

/**
 * A mutation that establishes who the caller is (login, refreshToken,
 * acceptInvitation). It is public and runs as an anonymous caller whatever
 * credentials the request carries: a bearer token or an API key sent along
 * (a client that adds its current token to every request, a refresh before
 * the token expires) belongs to the session being replaced, not to this one.
 * It must be an operation of its own (see `signInBesideOthers`).
 */
export const SignIn = () => applyDecorators(Public(), SetMetadata(SIGN_IN_KEY, true), Extensions({ [SIGN_IN_EXTENSION]: true }));

/** The root fields of an operation by name, through fragments and inline fragments, `__typename` aside. */
function rootFields(selections: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.push(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...rootFields(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) names.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

/** Per parsed operation (Apollo keeps parsed documents): whether it has a sign-in beside another field. */
const refusedOperations = new WeakMap<OperationDefinitionNode, boolean>();

/**
 * Whether the root mutation field being resolved belongs to an operation
 * with a sign-in and any other field (a second sign-in, or anything else),
 * counted in the document as written (a field under @skip counts). Such an
 * operation is refused as a whole, field by field before each runs, so it
 * changes nothing: the context a sign-in builds would otherwise be shared
 * with fields that ran, or will run, as someone else.
 */
export function signInBesideOthers(context: ExecutionContext): boolean {
  if (context.getType<string>() !== 'graphql') return false;
  const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
  const mutation = info.schema.getMutationType();
  if (!mutation || info.parentType !== mutation || info.operation.operation !== OperationTypeNode.MUTATION) return false;
  let refused = refusedOperations.get(info.operation);
  if (refused === undefined) {
    const names = rootFields(info.operation.selectionSet, info.fragments);
    const fields = mutation.getFields();
    refused = names.length > 1 && names.some((name) => fields[name]?.extensions?.[SIGN_IN_EXTENSION] === true);
    refusedOperations.set(info.operation, refused);
  }
  return refused;
}
