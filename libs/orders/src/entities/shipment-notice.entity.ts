import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar } from '@anchorlink/core';
import { PurchaseOrder } from './purchase-order.entity.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';

/** What the supplier ships against accepted lines (发货通知, ASN). */
@ObjectType()
@Entity('shipment_notices')
// Numbered per supplier and anchor (DocumentNumbers): one supplier's two anchors may hold the same number.
@Unique('shipment_notices_supplier_anchor_number_key', ['supplierOrganizationId', 'anchorOrganizationId', 'number'])
@Index('shipment_notices_order_idx', ['orderId'])
export class ShipmentNotice {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'shipment_notices_pkey' })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'order_id', referencedColumnName: 'id', foreignKeyConstraintName: 'shipment_notices_order_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  order?: PurchaseOrder;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'shipment_notices_pkey' })
  supplierOrganizationId: string;

  @Field(() => DateScalar)
  @Column({ name: 'ship_date', type: 'date' })
  shipDate: string;

  @Field(() => DateScalar)
  @Column({ name: 'expected_arrival', type: 'date' })
  expectedArrival: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  carrier: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'tracking_number', type: 'varchar', length: 100, nullable: true })
  trackingNumber: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A quantity of one order line, shipped in a notice or received in a goods receipt. */
@ObjectType()
@Entity('shipment_lines')
@Unique('shipment_lines_shipment_line_key', ['shipmentId', 'orderLineId', 'supplierOrganizationId'])
export class ShipmentLine {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'shipment_lines_pkey' })
  id: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId: string;

  @ManyToOne(() => ShipmentNotice, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'shipment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'shipment_lines_shipment_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  shipment?: ShipmentNotice;

  @Column({ name: 'order_line_id', type: 'uuid' })
  orderLineId: string;

  @ManyToOne(() => PurchaseOrderLine, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'order_line_id', referencedColumnName: 'id', foreignKeyConstraintName: 'shipment_lines_order_line_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  orderLine?: PurchaseOrderLine;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'shipment_lines_pkey' })
  supplierOrganizationId: string;

  @Field(() => DecimalScalar)
  @Column({ type: 'numeric', precision: 24, scale: 6 })
  quantity: string;
}

/** What the anchor received against a shipment notice (收货). The GraphQL type is dto/goods-receipt.type.ts. */
@Entity('goods_receipts')
@Index('goods_receipts_shipment_idx', ['shipmentId'])
export class GoodsReceipt {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'goods_receipts_pkey' })
  id: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId: string;

  @ManyToOne(() => ShipmentNotice, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'shipment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'goods_receipts_shipment_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  shipment?: ShipmentNotice;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'goods_receipts_pkey' })
  supplierOrganizationId: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('goods_receipt_lines')
@Unique('goods_receipt_lines_receipt_line_key', ['receiptId', 'orderLineId', 'supplierOrganizationId'])
@Index('goods_receipt_lines_shipment_idx', ['shipmentId', 'orderLineId'])
export class GoodsReceiptLine {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'goods_receipt_lines_pkey' })
  id: string;

  @Column({ name: 'receipt_id', type: 'uuid' })
  receiptId: string;

  @ManyToOne(() => GoodsReceipt, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'receipt_id', referencedColumnName: 'id', foreignKeyConstraintName: 'goods_receipt_lines_receipt_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  receipt?: GoodsReceipt;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId: string;

  @Column({ name: 'order_line_id', type: 'uuid' })
  orderLineId: string;

  @ManyToOne(() => PurchaseOrderLine, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'order_line_id', referencedColumnName: 'id', foreignKeyConstraintName: 'goods_receipt_lines_order_line_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  orderLine?: PurchaseOrderLine;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'goods_receipt_lines_pkey' })
  supplierOrganizationId: string;

  @Column({ type: 'numeric', precision: 24, scale: 6 })
  quantity: string;
}
