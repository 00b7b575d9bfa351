import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, GradientLevel } from '@anchorlink/core';
import { ChecklistItem } from '../entities/replication-package.entity.js';

@InputType()
export class ChecklistItemInput {
  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field()
  evidenceRequired: boolean;
}

@InputType()
export class ReplicationPackageInput {
  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => GradientLevel)
  targetLevel: GradientLevel;

  @Field(() => [ID], { nullable: true })
  requiredStandardVersionIds?: string[] | null;

  @Field(() => [ChecklistItemInput])
  checklist: ChecklistItemInput[];
}

@ObjectType('RolloutItem')
export class RolloutItemView {
  itemId: string;

  @Field(() => ChecklistItem)
  item?: ChecklistItem;

  @Field()
  done: boolean;

  @Field(() => String, { nullable: true })
  evidence: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt: Date | null;
}

@InputType()
export class AssessmentAnswerInput {
  @Field(() => ID)
  criterionId: string;

  @Field()
  met: boolean;

  @Field(() => String, { nullable: true })
  evidence?: string | null;
}

@InputType()
export class SubmitAssessmentInput {
  @Field(() => [AssessmentAnswerInput])
  answers: AssessmentAnswerInput[];

  /** Production scenarios in use, and how many of them apply AI. */
  @Field(() => Int)
  scenarioCount: number;

  @Field(() => Int)
  aiScenarioCount: number;

  /** GB/T 39116-2020 maturity, 1 to 5, when assessed; EXCELLENT needs at least 3. */
  @Field(() => Int, { nullable: true })
  maturityLevel?: number | null;
}

@ObjectType()
export class LevelCount {
  @Field(() => GradientLevel, { nullable: true })
  level: GradientLevel | null;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class NetworkOverview {
  @Field(() => Int)
  supplierCount: number;

  @Field(() => [LevelCount])
  suppliersByLevel: LevelCount[];

  @Field(() => Int)
  activeRollouts: number;

  @Field(() => Int)
  completedRollouts: number;

  /** 订单准时率 over the last 90 days; null when nothing was received. */
  @Field(() => Float, { nullable: true })
  onTimeDeliveryRate: number | null;

  @Field(() => Int)
  openOrders: number;
}
