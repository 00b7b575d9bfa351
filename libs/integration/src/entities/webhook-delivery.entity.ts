import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeScalar } from '@anchorlink/core';
import { OutboxEvent } from './outbox-event.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

/** One event for one subscription: its attempts and outcome (the delivery log). */
@ObjectType()
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_subscription_event_key', ['subscriptionId', 'eventId'])
@Index('webhook_deliveries_pending_idx', ['subscriptionId', 'orderingKey', 'eventSeq'], { where: `status = 'PENDING'::delivery_status` })
@Index('webhook_deliveries_org_created_idx', ['organizationId', 'createdAt'])
@Index('webhook_deliveries_event_idx', ['eventId'])
@Index('webhook_deliveries_created_idx', ['createdAt'])
export class WebhookDelivery {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_deliveries_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'webhook_deliveries_subscription_id_fkey' })
  subscription?: WebhookSubscription;

  /** The id receivers see (`Anchorlink-Event-Id`) and deduplicate by. */
  @Field(() => ID)
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'webhook_deliveries_event_id_fkey' })
  event?: OutboxEvent;

  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq: string;

  @Field()
  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ name: 'ordering_key', type: 'varchar', length: 100 })
  orderingKey: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Field(() => DeliveryStatus)
  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt, when one was received.' })
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
