export * from './scorecards.module.js';
export * from './scorecards.service.js';
export * from './supplier-scorecard.type.js';
