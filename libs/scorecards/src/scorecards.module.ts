import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { ScorecardsRepository } from './scorecards.repository.js';
import { ScorecardsResolver } from './scorecards.resolver.js';
import { ScorecardsService } from './scorecards.service.js';

/** Supplier performance: on time, in full, response time, forecast commitment. */
@Module({
  imports: [IdentityModule],
  providers: [ScorecardsRepository, ScorecardsService, ScorecardsResolver],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
