import { Lexer, Source, TokenKind } from 'graphql';

/**
 * The tokens of a GraphQL text, as graphql-js's lexer reads them (comments
 * are not tokens), counting stopped once past `stopAfter`. Throws a
 * GraphQLError for a text that does not lex.
 */
export function countTokens(source: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) if (++count > stopAfter) break;
  return count;
}
