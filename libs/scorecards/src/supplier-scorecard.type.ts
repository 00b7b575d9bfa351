import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';

/** Delivery performance (供应商绩效) of one supplier over a period; null where there is nothing to measure. */
@ObjectType()
export class SupplierScorecard {
  supplierId: string;

  @Field(() => Organization)
  supplier?: Organization;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Int)
  ordersCount: number;

  /** Received lines on or before the confirmed date / received lines (订单准时率). */
  @Field(() => Float, { nullable: true })
  onTimeRate: number | null;

  /** Received lines with at least the confirmed quantity / received lines. */
  @Field(() => Float, { nullable: true })
  inFullRate: number | null;

  /** On time and in full (准时足量交付率). */
  @Field(() => Float, { nullable: true })
  otifRate: number | null;

  /** Mean hours from publishing to the supplier's first response. */
  @Field(() => Float, { nullable: true })
  meanResponseHours: number | null;

  /** Committed / demanded quantity over the firm buckets of current forecasts. */
  @Field(() => Float, { nullable: true })
  forecastCommitRatio: number | null;
}
