import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { DateTimeScalar, DecimalScalar } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';
import { PurchaseOrderStatus } from '../order-state.js';

/** What the anchor buys from one supplier (采购订单). */
@ObjectType()
@Entity('purchase_orders')
@Unique('purchase_orders_anchor_number_key', ['anchorOrganizationId', 'number'])
// Contains-search (trigram GIN, migration Search1765200000000): kept out of TypeORM's schema sync.
@Index('purchase_orders_number_trgm_idx', { synchronize: false })
@Index('purchase_orders_anchor_updated_idx', ['anchorOrganizationId', 'updatedAt', 'id'])
@Index('purchase_orders_supplier_updated_idx', ['supplierOrganizationId', 'updatedAt', 'id'])
@Index('purchase_orders_anchor_status_updated_idx', ['anchorOrganizationId', 'status', 'updatedAt', 'id'])
@Index('purchase_orders_supplier_status_updated_idx', ['supplierOrganizationId', 'status', 'updatedAt', 'id'])
@Check(
  'purchase_orders_status_check',
  `status IN (${Object.values(PurchaseOrderStatus)
    .map((s) => `'${s}'`)
    .join(', ')})`,
)
export class PurchaseOrder {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'purchase_orders_pkey' })
  id: string;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_org_id', foreignKeyConstraintName: 'purchase_orders_anchor_org_id_fkey' })
  anchor?: Organization;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'purchase_orders_pkey' })
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_org_id', foreignKeyConstraintName: 'purchase_orders_supplier_org_id_fkey' })
  supplier?: Organization;

  /** Unique per anchor; generated (PO-2026-000123) when not given. */
  @Field()
  @Column({ type: 'varchar', length: 40 })
  number: string;

  /**
   * Text with a CHECK, not a PostgreSQL enum: enum equality is not leakproof, so under row-level
   * security a status filter could not use the status indexes (migration OrderStatusText1765008000000).
   */
  @Field(() => PurchaseOrderStatus)
  @Column({ type: 'varchar', length: 20 })
  status: PurchaseOrderStatus;

  /** 1, plus one per revision by the anchor after publishing. */
  @Field(() => Int)
  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** Optimistic lock: every change adds one. */
  @Field(() => Int)
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field()
  @Column({ type: 'varchar', length: 8 })
  currency: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Σ quantity × unit price of the lines that are not cancelled, kept by every write. */
  @Field(() => DecimalScalar)
  @Column({ name: 'total_amount', type: 'numeric', precision: 30, scale: 6, default: 0 })
  totalAmount: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Millisecond precision: it is part of the list cursor, and JavaScript dates have no microseconds. */
  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The supplier's first answer, for response-time measurement. */
  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
