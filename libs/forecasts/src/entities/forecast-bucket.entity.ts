import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One part's demand in one period (时段) of a forecast revision, and the
 * supplier's commitment (产能承诺) to it. Written set-based: a 10,000-part,
 * 52-week forecast is 520,000 of these rows and never 520,000 objects.
 */
@Entity('forecast_buckets')
export class ForecastBucket {
  @PrimaryColumn({ name: 'forecast_id', type: 'uuid', primaryKeyConstraintName: 'forecast_buckets_pkey' })
  forecastId: string;

  @PrimaryColumn({ name: 'part_id', type: 'uuid', primaryKeyConstraintName: 'forecast_buckets_pkey' })
  partId: string;

  @PrimaryColumn({ name: 'bucket_index', type: 'smallint', primaryKeyConstraintName: 'forecast_buckets_pkey' })
  bucketIndex: number;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'forecast_buckets_pkey' })
  supplierOrganizationId: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ type: 'numeric', precision: 24, scale: 6 })
  quantity: string;

  /** The same part and period in the previous revision, fixed at publish time (the waterfall). */
  @Column({ name: 'previous_quantity', type: 'numeric', precision: 24, scale: 6, nullable: true })
  previousQuantity: string | null;

  @Column({ name: 'committed_quantity', type: 'numeric', precision: 24, scale: 6, nullable: true })
  committedQuantity: string | null;

  @Column({ name: 'commit_note', type: 'text', nullable: true })
  commitNote: string | null;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt: Date | null;
}
