import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateScalar, DateTimeScalar } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';
import { BucketGranularity } from '../buckets.js';

export enum ForecastStatus {
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ForecastStatus, { name: 'ForecastStatus' });

/**
 * One revision of the rolling demand (需求预测) an anchor publishes to one
 * supplier (after Catena-X WeekBasedMaterialDemand and EDIFACT DELFOR).
 * Publishing revision n+1 supersedes revision n.
 */
@ObjectType()
@Entity('forecasts')
@Unique('forecasts_pair_revision_key', ['anchorOrganizationId', 'supplierOrganizationId', 'revision'])
@Index('forecasts_current_key', ['anchorOrganizationId', 'supplierOrganizationId'], { unique: true, where: `status = 'PUBLISHED'` })
@Index('forecasts_anchor_published_idx', ['anchorOrganizationId', 'publishedAt', 'id'])
@Index('forecasts_supplier_published_idx', ['supplierOrganizationId', 'publishedAt', 'id'])
export class Forecast {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'forecasts_pkey' })
  id: string;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_org_id', foreignKeyConstraintName: 'forecasts_anchor_org_id_fkey' })
  anchor?: Organization;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'forecasts_pkey' })
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_org_id', foreignKeyConstraintName: 'forecasts_supplier_org_id_fkey' })
  supplier?: Organization;

  @Field(() => Int)
  @Column({ type: 'integer' })
  revision: number;

  @Field(() => ForecastStatus)
  @Column({ type: 'enum', enum: ForecastStatus, enumName: 'forecast_status', default: ForecastStatus.PUBLISHED })
  status: ForecastStatus;

  @Field(() => BucketGranularity)
  @Column({ type: 'enum', enum: BucketGranularity, enumName: 'bucket_granularity' })
  granularity: BucketGranularity;

  @Field(() => DateScalar)
  @Column({ name: 'horizon_start', type: 'date' })
  horizonStart: string;

  @Field(() => Int)
  @Column({ name: 'bucket_count', type: 'integer' })
  bucketCount: number;

  /** The first `firmBuckets` buckets are firm demand; the rest is a forecast. */
  @Field(() => Int)
  @Column({ name: 'firm_buckets', type: 'integer' })
  firmBuckets: number;

  /** Millisecond precision: part of the list cursor. */
  @Field(() => DateTimeScalar)
  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  publishedAt: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedById: string | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
