import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { JSONScalar } from '@anchorlink/core';

@InputType()
export class PartInput {
  @Field()
  partNumber: string;

  @Field()
  description: string;

  @Field()
  uom: string;

  @Field(() => JSONScalar, { nullable: true })
  attributes?: unknown;
}

@InputType()
export class SupplierPartInput {
  @Field(() => ID)
  partId: string;

  @Field(() => ID)
  supplierId: string;

  @Field()
  supplierPartNumber: string;

  @Field(() => Int, { nullable: true })
  leadTimeDays?: number | null;
}
