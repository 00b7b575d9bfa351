import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@anchorlink/core';
import { ShipmentLine } from '../entities/shipment-notice.entity.js';

@ObjectType()
export class GoodsReceipt {
  @Field(() => ID)
  id: string;

  shipmentId: string;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => [ShipmentLine])
  lines: { orderLineId: string; quantity: string }[];
}
