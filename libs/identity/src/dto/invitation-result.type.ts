import { Field, ObjectType } from '@nestjs/graphql';
import { Invitation } from '../entities/invitation.entity.js';

@ObjectType('InvitationResult')
export class InvitationResult {
  @Field(() => Invitation)
  invitation: Invitation;

  /** Shown once, to the inviter; only its hash is stored. */
  @Field()
  token: string;
}
