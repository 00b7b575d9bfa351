import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Connection, DateTimeScalar } from '@anchorlink/core';
import { AuditEvent } from '../entities/audit-event.entity.js';

@ObjectType('AuditEventConnection')
export class AuditEventConnection extends Connection(AuditEvent) {}

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  /** Inclusive. */
  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  /** Exclusive. */
  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;
}
