import { ForecastAction } from './forecast-lifecycle.js';
import { Args, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Ctx,
  Errors,
  Mutation,
  OrgKind,
  OrgKinds,
  type PlannedRow,
  type RequestContext,
  requestContextOf,
  Role,
  Roles,
  type Selection,
} from '@anchorlink/core';
import { Organization, OrganizationsService } from '@anchorlink/identity';
import { Part, PartsService } from '@anchorlink/parts';
import {
  CommitmentInput,
  ForecastConnection,
  ForecastFilter,
  ForecastLineView,
  ForecastSummary,
  ImportForecastInput,
  PublishForecastInput,
  SupplyRisk,
} from './dto/forecast.types.js';
import { Forecast } from './entities/forecast.entity.js';
import { ForecastsService } from './forecasts.service.js';

@Resolver(() => Forecast)
export class ForecastResolver {
  constructor(
    private readonly service: ForecastsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => ForecastConnection)
  forecasts(
    @Ctx() ctx: RequestContext,
    @Info() selection: Selection,
    @Args('filter', { type: () => ForecastFilter, nullable: true }) filter?: ForecastFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<PlannedRow> {
    return this.service.page(ctx, filter, first, after, selection);
  }

  @Query(() => Forecast, { nullable: true })
  forecast(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Info() selection: Selection): Promise<PlannedRow> {
    return this.service.read(ctx, id, selection);
  }

  @Query(() => [SupplyRisk])
  supplyRisks(
    @Ctx() ctx: RequestContext,
    @Args('firmOnly', { type: () => Boolean, nullable: true }) firmOnly?: boolean | null,
  ): Promise<SupplyRisk[]> {
    return this.service.supplyRisks(ctx, firmOnly);
  }

  @Roles(Role.PLANNER)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Forecast)
  publishForecast(@Ctx() ctx: RequestContext, @Args('input') input: PublishForecastInput): Promise<Forecast> {
    return this.service.publish(ctx, input);
  }

  @Roles(Role.PLANNER)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Forecast)
  importForecast(@Ctx() ctx: RequestContext, @Args('input') input: ImportForecastInput): Promise<Forecast> {
    return this.service.importCsv(ctx, input);
  }

  @Roles(Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  @Mutation(() => Forecast)
  commitForecast(
    @Ctx() ctx: RequestContext,
    @Args('forecastId', { type: () => ID }) forecastId: string,
    @Args('commitments', { type: () => [CommitmentInput] }) commitments: CommitmentInput[],
  ): Promise<Forecast> {
    return this.service.commit(ctx, forecastId, commitments);
  }

  @ResolveField(() => Organization)
  async anchor(@Ctx() ctx: RequestContext, @Parent() forecast: Forecast): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(forecast.anchorOrganizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }

  @ResolveField(() => Organization)
  async supplier(@Ctx() ctx: RequestContext, @Parent() forecast: Forecast): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(forecast.supplierOrganizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }

  /** With a part, only that part's buckets are read. */
  @ResolveField(() => [ForecastLineView])
  lines(
    @Ctx() ctx: RequestContext,
    @Parent() forecast: Forecast,
    @Args('partId', { type: () => ID, nullable: true }) partId?: string | null,
  ): Promise<ForecastLineView[]> {
    return this.service.lines(ctx, forecast, partId);
  }

  /** What the caller may do next (the portal's buttons), from the forecast's lifecycle. */
  @ResolveField(() => [ForecastAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() forecast: Forecast): ForecastAction[] {
    return this.service.availableActions(ctx, forecast);
  }

  @ResolveField(() => ForecastSummary)
  summary(@Ctx() ctx: RequestContext, @Parent() forecast: Forecast): Promise<ForecastSummary> {
    return this.service.summary(ctx, forecast);
  }
}

async function part(parts: PartsService, ctx: RequestContext, id: string): Promise<Part> {
  const found = await parts.loader(ctx).load(id);
  if (!found) throw Errors.notFound(ctx, 'entity.part');
  return found;
}

@Resolver(() => ForecastLineView)
export class ForecastLineResolver {
  constructor(private readonly parts: PartsService) {}

  // Once per line of a forecast (up to 10,000): graphql-js's own arguments, no parameter decorators (see requestContextOf).
  @ResolveField(() => Part)
  part(line: ForecastLineView, _args: unknown, context: unknown): Promise<Part> {
    return part(this.parts, requestContextOf(context), line.partId);
  }
}

@Resolver(() => SupplyRisk)
export class SupplyRiskResolver {
  constructor(
    private readonly parts: PartsService,
    private readonly forecasts: ForecastsService,
  ) {}

  @ResolveField(() => Part)
  part(@Ctx() ctx: RequestContext, @Parent() risk: SupplyRisk): Promise<Part> {
    return part(this.parts, ctx, risk.partId);
  }

  @ResolveField(() => Forecast)
  forecast(@Ctx() ctx: RequestContext, @Parent() risk: SupplyRisk): Promise<Forecast> {
    return this.forecasts.get(ctx, risk.forecastId);
  }
}
