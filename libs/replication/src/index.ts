import { AssessmentCriterion, MaturityAssessment } from './entities/assessment.entity.js';
import { ChecklistItem, ReplicationPackage, Rollout, RolloutItem } from './entities/replication-package.entity.js';

export { AssessmentCriterion, MaturityAssessment } from './entities/assessment.entity.js';
export {
  ChecklistItem,
  PackageStatus,
  ReplicationPackage,
  Rollout,
  RolloutItem,
  RolloutStatus,
} from './entities/replication-package.entity.js';
export * from './level.js';
export * from './replication.module.js';
export * from './replication.service.js';

export const REPLICATION_ENTITIES = [ReplicationPackage, ChecklistItem, Rollout, RolloutItem, AssessmentCriterion, MaturityAssessment];
