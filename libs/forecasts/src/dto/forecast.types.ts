import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection, DateScalar, DecimalScalar } from '@anchorlink/core';
import { Part } from '@anchorlink/parts';
import { BucketGranularity } from '../buckets.js';
import { Forecast, ForecastStatus } from '../entities/forecast.entity.js';

@ObjectType('ForecastBucket')
export class ForecastBucketView {
  @Field(() => DateScalar)
  periodStart: string;

  @Field(() => DecimalScalar)
  quantity: string;

  @Field()
  firm: boolean;

  @Field(() => DecimalScalar, { nullable: true })
  previousQuantity: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  committedQuantity: string | null;

  @Field(() => String, { nullable: true })
  commitNote: string | null;
}

@ObjectType('ForecastLine')
export class ForecastLineView {
  partId: string;

  @Field(() => Part)
  part?: Part;

  @Field(() => [ForecastBucketView])
  buckets: ForecastBucketView[];
}

@ObjectType()
export class ForecastSummary {
  @Field(() => DecimalScalar)
  totalDemand: string;

  @Field(() => DecimalScalar)
  totalCommitted: string;

  /** Buckets whose committed quantity is below demand, or not committed yet while firm. */
  @Field(() => Int)
  shortfallBuckets: number;
}

@ObjectType()
export class SupplyRisk {
  forecastId: string;
  partId: string;

  @Field(() => Forecast)
  forecast?: Forecast;

  @Field(() => Part)
  part?: Part;

  @Field(() => DateScalar)
  periodStart: string;

  @Field(() => DecimalScalar)
  demand: string;

  @Field(() => DecimalScalar, { nullable: true })
  committed: string | null;

  @Field()
  firm: boolean;
}

@ObjectType('ForecastConnection')
export class ForecastConnection extends Connection(Forecast) {}

@InputType()
export class ForecastFilter {
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Field(() => ID, { nullable: true })
  anchorId?: string | null;

  @Field(() => ForecastStatus, { nullable: true })
  status?: ForecastStatus | null;
}

@InputType()
export class ForecastLineInput {
  @Field(() => ID)
  partId: string;

  /** One quantity per bucket, bucketCount of them. */
  @Field(() => [DecimalScalar])
  quantities: string[];
}

@InputType()
export class PublishForecastInput {
  @Field(() => ID)
  supplierId: string;

  @Field(() => BucketGranularity)
  granularity: BucketGranularity;

  @Field(() => DateScalar)
  horizonStart: string;

  @Field(() => Int)
  bucketCount: number;

  @Field(() => Int)
  firmBuckets: number;

  @Field(() => [ForecastLineInput])
  lines: ForecastLineInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

/** CSV with a header row: part_number (or supplier_part_number), then one column per bucket named by its start date. */
@InputType()
export class ImportForecastInput {
  @Field(() => ID)
  supplierId: string;

  @Field(() => BucketGranularity)
  granularity: BucketGranularity;

  @Field(() => Int)
  firmBuckets: number;

  @Field()
  csv: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class CommitmentInput {
  @Field(() => ID)
  partId: string;

  @Field(() => DateScalar)
  periodStart: string;

  @Field(() => DecimalScalar)
  quantity: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
