import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { ScorecardsModule } from '@anchorlink/scorecards';
import {
  AssessmentCriterionResolver,
  MaturityAssessmentResolver,
  ReplicationPackageResolver,
  RolloutItemResolver,
  RolloutResolver,
} from './replication.resolver.js';
import { ReplicationRepository } from './replication.repository.js';
import { ReplicationService } from './replication.service.js';

/** 母工厂 + 复制推广: replication packages, rollouts, self-assessment and the anchor's network overview. */
@Module({
  imports: [IdentityModule, ScorecardsModule],
  providers: [
    ReplicationRepository,
    ReplicationService,
    ReplicationPackageResolver,
    RolloutResolver,
    RolloutItemResolver,
    AssessmentCriterionResolver,
    MaturityAssessmentResolver,
  ],
  exports: [ReplicationService],
})
export class ReplicationModule {}
