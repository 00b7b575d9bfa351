import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '@anchorlink/core';
import { Organization, User } from '@anchorlink/identity';

/** An organization's HTTPS endpoint for event types (Webhook 订阅). The signing secret is stored encrypted. */
@ObjectType()
@Entity('webhook_subscriptions')
@Index('webhook_subscriptions_org_id_idx', ['organizationId'])
export class WebhookSubscription {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_subscriptions_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'webhook_subscriptions_org_id_fkey' })
  organization?: Organization;

  @Field()
  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  events: string[];

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'webhook_subscriptions_created_by_fkey' })
  createdBy?: User;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** Deleted subscriptions keep their delivery log; they receive nothing more. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
