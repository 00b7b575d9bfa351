import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { PartsModule } from '@anchorlink/parts';
import { ForecastLineResolver, ForecastResolver, SupplyRiskResolver } from './forecasts.resolver.js';
import { ForecastsRepository } from './forecasts.repository.js';
import { ForecastsService } from './forecasts.service.js';

/** Rolling demand forecasts, capacity commitments and supply risks. */
@Module({
  imports: [IdentityModule, PartsModule],
  providers: [ForecastsRepository, ForecastsService, ForecastResolver, ForecastLineResolver, SupplyRiskResolver],
  exports: [ForecastsService],
})
export class ForecastsModule {}
