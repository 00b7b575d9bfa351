import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp } from './support/test-app.js';

const SCHEMA_FILE = path.resolve(process.cwd(), 'schema.gql');
const HEADER =
  '# Generated from the code (code-first). Do not edit: run `npm run schema` and commit the result.\n' +
  '# The public contract it must contain is ../shared/contract/schema.graphql.\n\n';

describe('schema.gql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is what the code generates (run `npm run schema` after changing the API)', () => {
    const generated = HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });
});
