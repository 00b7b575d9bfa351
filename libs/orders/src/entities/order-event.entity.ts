import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar, JSONScalar } from '@anchorlink/core';
import { PurchaseOrder } from './purchase-order.entity.js';

export enum OrderEventType {
  CREATED = 'CREATED',
  PUBLISHED = 'PUBLISHED',
  RESPONDED = 'RESPONDED',
  CHANGE_ACCEPTED = 'CHANGE_ACCEPTED',
  CHANGE_REJECTED = 'CHANGE_REJECTED',
  REVISED = 'REVISED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  SHIPPED = 'SHIPPED',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
}
registerEnumType(OrderEventType, { name: 'OrderEventType' });

/** The business history of one order (订单事件), shown to both sides; draft-time events only to the anchor. */
@ObjectType()
@Entity('order_events')
@Index('order_events_order_idx', ['orderId', 'at'])
export class OrderEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'order_events_pkey' })
  id: string;

  @Field(() => ID, { name: 'purchaseOrderId' })
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'order_id', referencedColumnName: 'id', foreignKeyConstraintName: 'order_events_order_id_fkey' },
    { name: 'supplier_org_id', referencedColumnName: 'supplierOrganizationId' },
  ])
  order?: PurchaseOrder;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @PrimaryColumn({ name: 'supplier_org_id', type: 'uuid', primaryKeyConstraintName: 'order_events_pkey' })
  supplierOrganizationId: string;

  @Field(() => OrderEventType)
  @Column({ type: 'enum', enum: OrderEventType, enumName: 'order_event_type' })
  type: OrderEventType;

  @Field(() => Int)
  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** What changed, line by line. */
  @Field(() => JSONScalar)
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'supplier_visible', type: 'boolean' })
  supplierVisible: boolean;
}
