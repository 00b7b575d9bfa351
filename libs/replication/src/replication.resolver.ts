import { PackageAction, RolloutAction } from './replication-lifecycle.js';
import { Args, Float, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, Mutation, OrgKind, OrgKinds, type RequestContext, Role, Roles } from '@anchorlink/core';
import { Organization, OrganizationsService } from '@anchorlink/identity';
import { StandardsService, StandardVersion } from '@anchorlink/standards';
import { NetworkOverview, ReplicationPackageInput, RolloutItemView, SubmitAssessmentInput } from './dto/replication.types.js';
import { AssessmentCriterion, MaturityAssessment } from './entities/assessment.entity.js';
import { ChecklistItem, PackageStatus, ReplicationPackage, Rollout } from './entities/replication-package.entity.js';
import { describeGap } from './level.js';
import { ReplicationService } from './replication.service.js';

async function organizationOf(organizations: OrganizationsService, ctx: RequestContext, id: string): Promise<Organization> {
  const organization = await organizations.loader(ctx).load(id);
  if (!organization) throw Errors.notFound(ctx, 'entity.organization');
  return organization;
}

@Resolver(() => ReplicationPackage)
export class ReplicationPackageResolver {
  constructor(
    private readonly service: ReplicationService,
    private readonly organizations: OrganizationsService,
    private readonly standards: StandardsService,
  ) {}

  @Query(() => [ReplicationPackage])
  replicationPackages(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => PackageStatus, nullable: true }) status?: PackageStatus | null,
  ): Promise<ReplicationPackage[]> {
    return this.service.listPackages(ctx, status);
  }

  @Roles(Role.ORG_ADMIN, Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => ReplicationPackage)
  createReplicationPackage(@Ctx() ctx: RequestContext, @Args('input') input: ReplicationPackageInput): Promise<ReplicationPackage> {
    return this.service.createPackage(ctx, input);
  }

  @Roles(Role.ORG_ADMIN, Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => ReplicationPackage)
  publishReplicationPackage(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ReplicationPackage> {
    return this.service.publishPackage(ctx, id);
  }

  /** Not in the contract: a published package is retired from further rollouts. */
  @Roles(Role.ORG_ADMIN, Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => ReplicationPackage)
  archiveReplicationPackage(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ReplicationPackage> {
    return this.service.archivePackage(ctx, id);
  }

  @ResolveField(() => Organization)
  owner(@Ctx() ctx: RequestContext, @Parent() pkg: ReplicationPackage): Promise<Organization> {
    return organizationOf(this.organizations, ctx, pkg.ownerOrganizationId);
  }

  @ResolveField(() => [StandardVersion])
  async requiredStandards(@Ctx() ctx: RequestContext, @Parent() pkg: ReplicationPackage): Promise<StandardVersion[]> {
    const versions = await this.standards.versionLoader(ctx).loadMany(pkg.requiredStandardVersionIds);
    return versions.filter((v): v is StandardVersion => v !== null && !(v instanceof Error));
  }

  @ResolveField(() => [ChecklistItem])
  checklist(@Ctx() ctx: RequestContext, @Parent() pkg: ReplicationPackage): Promise<ChecklistItem[]> {
    return this.service.checklistLoader(ctx).load(pkg.id);
  }

  /** What the caller may do next (the portal's buttons), from the package's lifecycle. */
  @ResolveField(() => [PackageAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() pkg: ReplicationPackage): PackageAction[] {
    return this.service.packageActions(ctx, pkg);
  }
}

@Resolver(() => Rollout)
export class RolloutResolver {
  constructor(
    private readonly service: ReplicationService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => [Rollout])
  rollouts(
    @Ctx() ctx: RequestContext,
    @Args('packageId', { type: () => ID, nullable: true }) packageId?: string | null,
    @Args('supplierId', { type: () => ID, nullable: true }) supplierId?: string | null,
  ): Promise<Rollout[]> {
    return this.service.listRollouts(ctx, packageId, supplierId);
  }

  @Roles(Role.ORG_ADMIN, Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => [Rollout])
  launchRollout(
    @Ctx() ctx: RequestContext,
    @Args('packageId', { type: () => ID }) packageId: string,
    @Args('supplierIds', { type: () => [ID] }) supplierIds: string[],
  ): Promise<Rollout[]> {
    return this.service.launch(ctx, packageId, supplierIds);
  }

  @Roles(Role.ORG_ADMIN, Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  @Mutation(() => Rollout)
  updateRolloutItem(
    @Ctx() ctx: RequestContext,
    @Args('rolloutId', { type: () => ID }) rolloutId: string,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('done') done: boolean,
    @Args('evidence', { type: () => String, nullable: true }) evidence?: string | null,
  ): Promise<Rollout> {
    return this.service.updateItem(ctx, rolloutId, itemId, done, evidence);
  }

  @ResolveField(() => ReplicationPackage, { name: 'package' })
  pkg(@Ctx() ctx: RequestContext, @Parent() rollout: Rollout): Promise<ReplicationPackage> {
    return this.service.getPackage(ctx, rollout.packageId);
  }

  @ResolveField(() => Organization)
  supplier(@Ctx() ctx: RequestContext, @Parent() rollout: Rollout): Promise<Organization> {
    return organizationOf(this.organizations, ctx, rollout.supplierOrganizationId);
  }

  /** What the caller may do next (the portal's buttons), from the rollout's lifecycle. */
  @ResolveField(() => [RolloutAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() rollout: Rollout): RolloutAction[] {
    return this.service.rolloutActions(ctx, rollout);
  }

  @ResolveField(() => [RolloutItemView])
  items(@Ctx() ctx: RequestContext, @Parent() rollout: Rollout): Promise<RolloutItemView[]> {
    return this.service.rolloutItemsLoader(ctx).load(rollout.id);
  }

  /** Done items / all items, 0 to 1. */
  @ResolveField(() => Float)
  async progress(@Ctx() ctx: RequestContext, @Parent() rollout: Rollout): Promise<number> {
    const items = await this.service.rolloutItemsLoader(ctx).load(rollout.id);
    return items.length ? items.filter((i) => i.done).length / items.length : 0;
  }
}

@Resolver(() => RolloutItemView)
export class RolloutItemResolver {
  constructor(private readonly service: ReplicationService) {}

  @ResolveField(() => ChecklistItem)
  async item(@Ctx() ctx: RequestContext, @Parent() view: RolloutItemView & { packageId?: string }): Promise<ChecklistItem> {
    const item = await this.service.checklistItemLoader(ctx).load(view.itemId);
    if (!item) throw Errors.notFound(ctx, 'entity.checklistItem');
    return item;
  }
}

@Resolver(() => AssessmentCriterion)
export class AssessmentCriterionResolver {
  constructor(private readonly service: ReplicationService) {}

  @Query(() => [AssessmentCriterion])
  assessmentCriteria(@Ctx() ctx: RequestContext): Promise<AssessmentCriterion[]> {
    return this.service.criteria(ctx);
  }

  /** The scenario area, in the reader's language. */
  @ResolveField(() => String)
  dimension(@Ctx() ctx: RequestContext, @Parent() criterion: AssessmentCriterion): string {
    return this.service.areaName(ctx, criterion.area);
  }

  @ResolveField(() => String)
  text(@Ctx() ctx: RequestContext, @Parent() criterion: AssessmentCriterion): string {
    return this.service.criterionText(ctx, criterion);
  }
}

@Resolver(() => MaturityAssessment)
export class MaturityAssessmentResolver {
  constructor(
    private readonly service: ReplicationService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => [MaturityAssessment])
  maturityAssessments(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string | null,
  ): Promise<MaturityAssessment[]> {
    return this.service.assessments(ctx, organizationId);
  }

  @Roles(Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR, OrgKind.SUPPLIER)
  @Mutation(() => MaturityAssessment)
  submitMaturityAssessment(@Ctx() ctx: RequestContext, @Args('input') input: SubmitAssessmentInput): Promise<MaturityAssessment> {
    return this.service.submitAssessment(ctx, input);
  }

  @OrgKinds(OrgKind.ANCHOR)
  @Query(() => NetworkOverview)
  networkOverview(@Ctx() ctx: RequestContext): Promise<NetworkOverview> {
    return this.service.overview(ctx);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() assessment: MaturityAssessment): Promise<Organization> {
    return organizationOf(this.organizations, ctx, assessment.organizationId);
  }

  @ResolveField(() => Float)
  aiScenarioRatio(@Parent() assessment: MaturityAssessment): number {
    return assessment.scenarioCount > 0 ? assessment.aiScenarioCount / assessment.scenarioCount : 0;
  }

  /** What still stands between the organization and the next level, in the reader's language. */
  @ResolveField(() => [String])
  gaps(@Ctx() ctx: RequestContext, @Parent() assessment: MaturityAssessment): string[] {
    return assessment.gaps.map((gap) => describeGap(gap, ctx.locale));
  }
}
