import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A creating mutation's idempotency key, per organization: the hash of the
 * input it was first used with and what it created. Kept IDEMPOTENCY_KEY_HOURS (24 h), then pruned.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_idx', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  operation: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'result_id', type: 'uuid', nullable: true })
  resultId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The last number given out per organization, document kind, year and scope (PO-2026-000123). */
@Entity('document_sequences')
export class DocumentSequence {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'document_sequences_pkey' })
  organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'document_sequences_pkey' })
  kind: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'document_sequences_pkey' })
  year: number;

  /** The counterparty the sequence is kept for (a shipment notice's anchor); the nil UUID: the whole organization. */
  @PrimaryColumn({
    name: 'scope_org_id',
    type: 'uuid',
    default: () => "'00000000-0000-0000-0000-000000000000'",
    primaryKeyConstraintName: 'document_sequences_pkey',
  })
  scopeOrganizationId: string;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue: number;
}
