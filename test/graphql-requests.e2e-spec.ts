import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';

/** Malformed GraphQL requests: the caller's fault, answered as such (4xx, BAD_USER_INPUT), never as a server failure. */

/**
 * Two spellings of the content type: the plain one (which the direct GraphQL route took while it
 * existed) and one with a parameter, which always went through Express and Apollo's Express integration.
 */
const CONTENT_TYPES = ['application/json', 'application/json; profile=requests'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('malformed GraphQL requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe.each(CONTENT_TYPES)('automatic persisted queries (%s)', (contentType) => {
    const post = (body: object) => t.http.post('/graphql').set('content-type', contentType).send(body);

    it('refuse a wrong hash or version with 400 BAD_USER_INPUT', async () => {
      const query = '{ __typename }';
      for (const persistedQuery of [
        { version: 1, sha256Hash: sha256('{ other }') },
        { version: 1, sha256Hash: 42 },
        { version: 2, sha256Hash: sha256(query) },
        { version: '1', sha256Hash: sha256(query) },
        'yes',
      ]) {
        const res = await post({ query, extensions: { persistedQuery } });
        expect({ persistedQuery, status: res.status, codes: res.body.errors?.map((e: any) => e.extensions.code) }).toEqual({
          persistedQuery,
          status: 400,
          codes: ['BAD_USER_INPUT'],
        });
        expect(res.body.errors[0].message).toMatch(/sha|version/);
        expect(res.body.data).toBeUndefined();
      }
    });

    it('still follow the protocol: an unknown hash is PersistedQueryNotFound, then registered and served by hash', async () => {
      const query = `{ __typename ping: __typename } # ${contentType}`;
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      const missing = await post({ extensions: { persistedQuery } });
      // Apollo's clients retry with the query on this message.
      expect(missing.body.errors.map((e: any) => e.message)).toEqual(['PersistedQueryNotFound']);
      expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await post({ query, extensions: { persistedQuery } })).body).toEqual({ data: { __typename: 'Query', ping: 'Query' } });
      expect((await post({ extensions: { persistedQuery } })).body).toEqual({ data: { __typename: 'Query', ping: 'Query' } });
    });
  });
});
