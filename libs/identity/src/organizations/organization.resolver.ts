import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@anchorlink/core';
import { Organization } from '../entities/organization.entity.js';
import { OrganizationsService } from './organizations.service.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  /** The caller's own organization, a partner, or an alliance; NOT_FOUND otherwise. */
  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Organization> {
    return this.organizations.get(ctx, id);
  }
}
