import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar, JSONScalar } from '@anchorlink/core';

/**
 * Who changed what (审计记录). Append-only: the request role may only INSERT
 * and SELECT, and a trigger refuses UPDATE and DELETE from anyone.
 */
@ObjectType()
@Entity('audit_events')
@Index('audit_events_org_at_idx', ['organizationId', 'at', 'id'])
@Index('audit_events_org_entity_idx', ['organizationId', 'entityType', 'entityId'])
@Index('audit_events_org_actor_idx', ['organizationId', 'actorUserId'])
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_events_pkey' })
  id: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** Set when the change came through an API key (the actor is then the admin who created the key). */
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Field()
  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Field(() => ID)
  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Field(() => JSONScalar)
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
