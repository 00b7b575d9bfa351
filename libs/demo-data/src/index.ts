export * from './demo-data.js';
export * from './demo-data.loader.js';
export * from './demo-data.module.js';
export * from './demo-ids.js';
