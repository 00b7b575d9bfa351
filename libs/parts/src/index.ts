export * from './entities/index.js';
export * from './parts.module.js';
export * from './parts.service.js';
export * from './parts.sql-types.js';
