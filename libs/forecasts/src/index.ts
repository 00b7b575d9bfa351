import { ForecastBucket } from './entities/forecast-bucket.entity.js';
import { Forecast } from './entities/forecast.entity.js';

export { ForecastBucket } from './entities/forecast-bucket.entity.js';
export { Forecast, ForecastStatus } from './entities/forecast.entity.js';
export * from './buckets.js';
export * from './forecasts.module.js';
export * from './forecasts.service.js';

export const FORECASTS_ENTITIES = [Forecast, ForecastBucket];
export * from './forecasts.sql-types.js';
