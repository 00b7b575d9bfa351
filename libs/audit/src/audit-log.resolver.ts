import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, type Page, type RequestContext, Role, Roles } from '@anchorlink/core';
import { Organization, OrganizationsService, User, UsersService } from '@anchorlink/identity';
import { AuditEventConnection, AuditFilter } from './dto/audit-log.types.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditEvent } from './entities/audit-event.entity.js';

@Resolver(() => AuditEvent)
export class AuditLogResolver {
  constructor(
    private readonly service: AuditLogService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => AuditEventConnection, { description: "The caller's organization's audit log, newest first (ORG_ADMIN)." })
  @Roles(Role.ORG_ADMIN)
  auditLog(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AuditFilter, nullable: true }) filter: AuditFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<AuditEvent>> {
    return this.service.list(ctx, filter, first, after);
  }

  @ResolveField(() => User, { nullable: true })
  actor(@Ctx() ctx: RequestContext, @Parent() event: AuditEvent): Promise<User | null> {
    return event.actorUserId ? this.users.loader(ctx).load(event.actorUserId) : Promise.resolve(null);
  }

  @ResolveField(() => Organization)
  async organization(@Ctx() ctx: RequestContext, @Parent() event: AuditEvent): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(event.organizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }
}
