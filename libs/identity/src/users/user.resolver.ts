import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, type RequestContext } from '@anchorlink/core';
import { Organization } from '../entities/organization.entity.js';
import { User } from '../entities/user.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization)
  async organization(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(user.organizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }
}
