import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, Mutation, OrgKind, OrgKinds, type Page, type RequestContext, Role, Roles } from '@anchorlink/core';
import { Organization, OrganizationsService } from '@anchorlink/identity';
import { PartConnection } from './dto/part-connection.type.js';
import { PartInput, SupplierPartInput } from './dto/part.inputs.js';
import { Part } from './entities/part.entity.js';
import { SupplierPart } from './entities/supplier-part.entity.js';
import { PartsService } from './parts.service.js';

@Resolver(() => Part)
export class PartResolver {
  constructor(private readonly service: PartsService) {}

  @Query(() => PartConnection)
  parts(
    @Ctx() ctx: RequestContext,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('supplierId', {
      type: () => ID,
      nullable: true,
      description: 'Only parts mapped to this supplier (a new order offers exactly these).',
    })
    supplierId?: string | null,
  ): Promise<Page<Part>> {
    return this.service.list(ctx, search, first, after, supplierId);
  }

  @Query(() => Part, { nullable: true })
  part(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Part> {
    return this.service.get(ctx, id);
  }

  @Roles(Role.PROCUREMENT, Role.PLANNER, Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Part)
  createPart(@Ctx() ctx: RequestContext, @Args('input') input: PartInput): Promise<Part> {
    return this.service.create(ctx, input);
  }

  @Roles(Role.PROCUREMENT, Role.PLANNER, Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Part)
  mapSupplierPart(@Ctx() ctx: RequestContext, @Args('input') input: SupplierPartInput): Promise<Part> {
    return this.service.mapSupplierPart(ctx, input);
  }

  @ResolveField(() => [SupplierPart])
  supplierParts(@Ctx() ctx: RequestContext, @Parent() part: Part): Promise<SupplierPart[]> {
    return this.service.mappingsLoader(ctx).load(part.id);
  }
}

@Resolver(() => SupplierPart)
export class SupplierPartResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization)
  async supplier(@Ctx() ctx: RequestContext, @Parent() mapping: SupplierPart): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(mapping.supplierOrganizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }
}
