// Prints the DDL TypeORM would run to bring DATABASE_URL in line with the entities.
// A starting point when writing a migration by hand; not used at run time.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@anchorlink/core';
import { ALL_ENTITIES } from '../apps/api/src/entities.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ds = new DataSource(dataSourceOptions({ url, entities: ALL_ENTITIES, migrations: [] }));
await ds.initialize();
const sql = await ds.driver.createSchemaBuilder().log();
for (const q of sql.upQueries) console.log(`${q.query};`);
await ds.destroy();
