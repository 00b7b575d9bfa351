import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, DateScalar, Errors, type RequestContext } from '@anchorlink/core';
import { Organization, OrganizationsService } from '@anchorlink/identity';
import { ScorecardsService } from './scorecards.service.js';
import { SupplierScorecard } from './supplier-scorecard.type.js';

@Resolver(() => SupplierScorecard)
export class ScorecardsResolver {
  constructor(
    private readonly service: ScorecardsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => SupplierScorecard)
  supplierScorecard(
    @Ctx() ctx: RequestContext,
    @Args('supplierId', { type: () => ID }) supplierId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ): Promise<SupplierScorecard> {
    return this.service.scorecard(ctx, supplierId, from, to);
  }

  @Query(() => [SupplierScorecard], {
    description: 'Every scorecard the caller may read: an anchor, one per supplier it has a partnership with; a supplier, its own.',
  })
  supplierScorecards(
    @Ctx() ctx: RequestContext,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ): Promise<SupplierScorecard[]> {
    return this.service.scorecards(ctx, from, to);
  }

  @ResolveField(() => Organization)
  async supplier(@Ctx() ctx: RequestContext, @Parent() card: SupplierScorecard): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(card.supplierId);
    if (!organization) throw Errors.notFound(ctx, 'entity.supplier');
    return organization;
  }
}
