import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '@anchorlink/core';
import { User } from '../entities/user.entity.js';

@ObjectType()
export class AuthPayload {
  @Field()
  accessToken: string;

  @Field()
  refreshToken: string;

  @Field(() => DateTimeScalar)
  accessTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

@ObjectType()
export class ApiKeyResult {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  /** Shown once; only its hash is stored. Sent as header `X-Api-Key`. */
  @Field()
  secret: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  token: string;

  @Field()
  displayName: string;

  @Field()
  password: string;
}

@InputType()
export class InviteSupplierInput {
  @Field()
  supplierName: string;

  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  supplierCode?: string | null;
}
