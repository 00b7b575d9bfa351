import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar, GradientLevel } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';
import type { Gap } from '../level.js';

/**
 * A condition of the national smart-factory programme (要素条件) at one level,
 * in one of the five scenario areas. Reference data, the same for everybody.
 */
@ObjectType()
@Entity('assessment_criteria')
export class AssessmentCriterion {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'assessment_criteria_pkey' })
  id: string;

  @Field(() => GradientLevel)
  @Column({ type: 'enum', enum: GradientLevel, enumName: 'gradient_level' })
  level: GradientLevel;

  /** One of the five scenario areas: FACTORY_BUILD, RND_DESIGN, PRODUCTION_OPERATIONS, PRODUCTION_MANAGEMENT, OPERATIONS_MANAGEMENT. */
  @Column({ type: 'varchar', length: 32 })
  area: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'text_zh', type: 'text' })
  textZh: string;

  @Column({ name: 'text_en', type: 'text' })
  textEn: string;
}

/** A self-assessment (成熟度自评) against the criteria; the history is kept. */
@ObjectType()
@Entity('maturity_assessments')
@Index('maturity_assessments_org_idx', ['organizationId', 'submittedAt'])
export class MaturityAssessment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'maturity_assessments_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'maturity_assessments_org_id_fkey' })
  organization?: Organization;

  @Field(() => DateTimeScalar)
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedById: string | null;

  @Field(() => GradientLevel, { nullable: true })
  @Column({ type: 'enum', enum: GradientLevel, enumName: 'gradient_level', nullable: true })
  level: GradientLevel | null;

  @Column({ name: 'scenario_count', type: 'integer' })
  scenarioCount: number;

  @Column({ name: 'ai_scenario_count', type: 'integer' })
  aiScenarioCount: number;

  @Column({ name: 'maturity_level', type: 'integer', nullable: true })
  maturityLevel: number | null;

  /** [{ criterionId, met, evidence }] */
  @Column({ type: 'jsonb' })
  answers: { criterionId: string; met: boolean; evidence: string | null }[];

  /** What stood between the result and the next level, structured (worded on read). */
  @Column({ type: 'jsonb' })
  gaps: Gap[];
}
