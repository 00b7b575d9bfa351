import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * The transactional outbox: one row per business event, written in the
 * transaction of the change (requests may only INSERT). Read by the worker.
 */
@Entity('outbox_events')
@Unique('outbox_events_seq_key', ['seq'])
@Index('outbox_events_undispatched_idx', ['seq'], { where: 'dispatched_at IS NULL' })
@Index('outbox_events_dispatched_idx', ['dispatchedAt'], { where: 'dispatched_at IS NOT NULL' })
export class OutboxEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'outbox_events_pkey' })
  id: string;

  /** Commit order within an ordering key (changes to one entity serialize on its row lock). */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** Null: every organization may see it. */
  @Column({
    name: 'organization_ids',
    type: 'uuid',
    array: true,
    nullable: true,
    comment: 'Organizations that may see the event; NULL: every organization (standard.published)',
  })
  organizationIds: string[] | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ name: 'ordering_key', type: 'varchar', length: 100 })
  orderingKey: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
