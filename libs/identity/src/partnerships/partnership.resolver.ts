import { PartnershipAction } from '../identity-lifecycles.js';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, Mutation, OrgKind, OrgKinds, type RequestContext, Role, Roles } from '@anchorlink/core';
import { Organization } from '../entities/organization.entity.js';
import { Partnership, PartnershipStatus } from '../entities/partnership.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PartnershipsService } from './partnerships.service.js';

@Resolver(() => Partnership)
export class PartnershipResolver {
  constructor(
    private readonly service: PartnershipsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => [Partnership])
  partnerships(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => PartnershipStatus, nullable: true }) status?: PartnershipStatus | null,
  ): Promise<Partnership[]> {
    return this.service.list(ctx, status);
  }

  @Roles(Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Partnership)
  setPartnershipStatus(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => PartnershipStatus }) status: PartnershipStatus,
  ): Promise<Partnership> {
    return this.service.setStatus(ctx, id, status);
  }

  /** What the caller may do next (the portal's buttons), from the partnership's lifecycle. */
  @ResolveField(() => [PartnershipAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() partnership: Partnership): PartnershipAction[] {
    return this.service.availableActions(ctx, partnership);
  }

  @ResolveField(() => Organization)
  anchor(@Ctx() ctx: RequestContext, @Parent() partnership: Partnership): Promise<Organization> {
    return this.organization(ctx, partnership.anchorOrganizationId);
  }

  @ResolveField(() => Organization)
  supplier(@Ctx() ctx: RequestContext, @Parent() partnership: Partnership): Promise<Organization> {
    return this.organization(ctx, partnership.supplierOrganizationId);
  }

  private async organization(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(id);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }
}
