import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, DateTimeScalar, DecimalScalar } from '@anchorlink/core';
import { ChangeReason } from '../entities/purchase-order-line.entity.js';
import { PurchaseOrder } from '../entities/purchase-order.entity.js';
import { PurchaseOrderStatus } from '../order-state.js';

export enum LineDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  PROPOSE_CHANGE = 'PROPOSE_CHANGE',
}
registerEnumType(LineDecision, { name: 'LineDecision' });

/** The supplier's proposed change to a line (变更建议). */
@ObjectType()
export class LineProposal {
  @Field(() => DecimalScalar, { nullable: true })
  quantity: string | null;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice: string | null;

  @Field(() => ChangeReason, { nullable: true })
  reasonCode: ChangeReason | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType('PurchaseOrderConnection')
export class PurchaseOrderConnection extends Connection(PurchaseOrder) {}

@InputType()
export class PurchaseOrderFilter {
  @Field(() => [PurchaseOrderStatus], { nullable: true })
  status?: PurchaseOrderStatus[] | null;

  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Field(() => ID, { nullable: true })
  anchorId?: string | null;

  /** Contained in the order number, a line's part number or supplier part number, or the other side's name (case-insensitive). */
  @Field(() => String, {
    nullable: true,
    description:
      "Contained in the order number, a line's part number or supplier part number, or the other side's name (case-insensitive).",
  })
  search?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedSince?: Date | null;

  /** true: only orders the anchor has revised since first publishing them (revision > 1); false: only first revisions. */
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only orders revised since first published (revision > 1); false: only first revisions.',
  })
  revised?: boolean | null;
}

@InputType()
export class OrderLineInput {
  @Field(() => ID)
  partId: string;

  @Field(() => DecimalScalar)
  quantity: string;

  @Field(() => DecimalScalar)
  unitPrice: string;

  @Field(() => DateScalar)
  requestedDate: string;
}

@InputType()
export class CreatePurchaseOrderInput {
  @Field(() => ID)
  supplierId: string;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field()
  currency: string;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [OrderLineInput])
  lines: OrderLineInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class LineResponseInput {
  @Field(() => ID)
  lineId: string;

  @Field(() => LineDecision)
  decision: LineDecision;

  @Field(() => DecimalScalar, { nullable: true })
  quantity?: string | null;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice?: string | null;

  @Field(() => ChangeReason, { nullable: true })
  reasonCode?: ChangeReason | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class ProposalResolutionInput {
  @Field(() => ID)
  lineId: string;

  @Field()
  accept: boolean;
}

@InputType()
export class LineRevisionInput {
  /** Absent: a new line. */
  @Field(() => ID, { nullable: true })
  lineId?: string | null;

  @Field(() => ID, { nullable: true })
  partId?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  quantity?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice?: string | null;

  @Field(() => DateScalar, { nullable: true })
  requestedDate?: string | null;

  @Field(() => Boolean, { nullable: true })
  cancel?: boolean | null;
}

@InputType()
export class ShipmentLineInput {
  @Field(() => ID)
  lineId: string;

  @Field(() => DecimalScalar)
  quantity: string;
}

@InputType()
export class CreateShipmentNoticeInput {
  @Field(() => ID)
  purchaseOrderId: string;

  @Field(() => DateScalar)
  shipDate: string;

  @Field(() => DateScalar)
  expectedArrival: string;

  @Field(() => String, { nullable: true })
  carrier?: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber?: string | null;

  @Field(() => [ShipmentLineInput])
  lines: ShipmentLineInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class RecordGoodsReceiptInput {
  @Field(() => ID)
  shipmentNoticeId: string;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => [ShipmentLineInput])
  lines: ShipmentLineInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
