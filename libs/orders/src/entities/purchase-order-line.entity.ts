import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { DateScalar, DecimalScalar } from '@anchorlink/core';
import { Part } from '@anchorlink/parts';
import { OrderLineStatus } from '../order-state.js';
import { PurchaseOrder } from './purchase-order.entity.js';

/** Why a line is changed or refused (UN/EDIFACT, X12 855 and Oracle acknowledgement codes). */
export enum ChangeReason {
  QUANTITY_CHANGED = 'QUANTITY_CHANGED',
  DATE_CHANGED = 'DATE_CHANGED',
  BACKORDERED = 'BACKORDERED',
  PRICE_CHANGED = 'PRICE_CHANGED',
  SUBSTITUTED = 'SUBSTITUTED',
  ON_HOLD = 'ON_HOLD',
  OTHER = 'OTHER',
}
registerEnumType(ChangeReason, { name: 'ChangeReason' });

/** One line of a purchase order (订单行) and the supplier's answer to it. */
@ObjectType()
@Entity('purchase_order_lines')
@Unique('purchase_order_lines_order_line_number_key', ['orderId', 'lineNumber', 'supplierOrganizationId'])
// Contains-search (trigram GIN, migration Search1765200000000): kept out of TypeORM's schema sync.
@Index('purchase_order_lines_supplier_part_number_trgm_idx', { synchronize: false })
@Index('purchase_order_lines_part_idx', ['partId'])
export class PurchaseOrderLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'purchase_order_lines_pkey' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'order_id', referencedColumnName: 'id', foreignKeyConstraintName: 'purchase_order_lines_order_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  order?: PurchaseOrder;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'purchase_order_lines_pkey' })
  supplierOrganizationId: string;

  @Field(() => Int)
  @Column({ name: 'line_number', type: 'integer' })
  lineNumber: number;

  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  /** Loaded with the line (same statement), under the caller's row-level security. */
  @Field(() => Part)
  @ManyToOne(() => Part, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'part_id', foreignKeyConstraintName: 'purchase_order_lines_part_id_fkey' })
  part?: Part;

  /** The supplier's number for the part when the line was written. */
  @Field(() => String, { nullable: true })
  @Column({ name: 'supplier_part_number', type: 'varchar', length: 64, nullable: true })
  supplierPartNumber: string | null;

  @Field(() => DecimalScalar)
  @Column({ type: 'numeric', precision: 24, scale: 6 })
  quantity: string;

  @Field()
  @Column({ type: 'varchar', length: 16 })
  uom: string;

  @Field(() => DecimalScalar)
  @Column({ name: 'unit_price', type: 'numeric', precision: 24, scale: 6 })
  unitPrice: string;

  @Field(() => DateScalar)
  @Column({ name: 'requested_date', type: 'date' })
  requestedDate: string;

  /** The date first asked for: revisions move requestedDate, on-time measurement keeps this one. */
  @Column({ name: 'original_requested_date', type: 'date' })
  originalRequestedDate: string;

  @Field(() => OrderLineStatus)
  @Column({ type: 'enum', enum: OrderLineStatus, enumName: 'order_line_status', default: OrderLineStatus.PENDING })
  status: OrderLineStatus;

  @Field(() => DecimalScalar, { nullable: true })
  @Column({ name: 'confirmed_quantity', type: 'numeric', precision: 24, scale: 6, nullable: true })
  confirmedQuantity: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'confirmed_date', type: 'date', nullable: true })
  confirmedDate: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @Column({ name: 'confirmed_unit_price', type: 'numeric', precision: 24, scale: 6, nullable: true })
  confirmedUnitPrice: string | null;

  @Column({ name: 'proposal_quantity', type: 'numeric', precision: 24, scale: 6, nullable: true })
  proposalQuantity: string | null;

  @Column({ name: 'proposal_date', type: 'date', nullable: true })
  proposalDate: string | null;

  @Column({ name: 'proposal_unit_price', type: 'numeric', precision: 24, scale: 6, nullable: true })
  proposalUnitPrice: string | null;

  @Column({ name: 'proposal_reason_code', type: 'enum', enum: ChangeReason, enumName: 'change_reason', nullable: true })
  proposalReasonCode: ChangeReason | null;

  @Column({ name: 'proposal_reason', type: 'text', nullable: true })
  proposalReason: string | null;

  @Column({ name: 'reject_reason_code', type: 'enum', enum: ChangeReason, enumName: 'change_reason', nullable: true })
  rejectReasonCode: ChangeReason | null;

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason: string | null;

  @Field(() => DecimalScalar)
  @Column({ name: 'shipped_quantity', type: 'numeric', precision: 24, scale: 6, default: 0 })
  shippedQuantity: string;

  @Field(() => DecimalScalar)
  @Column({ name: 'received_quantity', type: 'numeric', precision: 24, scale: 6, default: 0 })
  receivedQuantity: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
