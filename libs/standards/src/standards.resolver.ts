import { StandardVersionAction } from './standard-lifecycle.js';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  bilingual,
  Ctx,
  DateScalar,
  Errors,
  JSONScalar,
  Mutation,
  OrgKind,
  OrgKinds,
  type RequestContext,
  Role,
  Roles,
} from '@anchorlink/core';
import { Organization, OrganizationsService } from '@anchorlink/identity';
import { describeChange } from './compatibility.js';
import {
  CodeEntry,
  Compatibility,
  CreateDataStandardInput,
  PublicationPreview,
  StandardStatus,
  StandardVersionInput,
} from './dto/standard.types.js';
import { ValidationReport } from './dto/validation-report.type.js';
import { Adoption } from './entities/adoption.entity.js';
import { DataStandard } from './entities/data-standard.entity.js';
import { StandardVersion } from './entities/standard-version.entity.js';
import { effectiveStatus, StandardsService } from './standards.service.js';
import { StandardsValidationService } from './validation.service.js';

@Resolver(() => DataStandard)
export class DataStandardResolver {
  constructor(
    private readonly service: StandardsService,
    private readonly validation: StandardsValidationService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => [DataStandard])
  dataStandards(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => StandardStatus, nullable: true }) status?: StandardStatus | null,
  ): Promise<DataStandard[]> {
    return this.service.list(ctx, status);
  }

  @Query(() => DataStandard, { nullable: true })
  dataStandard(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<DataStandard> {
    return this.service.getByCode(ctx, code);
  }

  @Query(() => ValidationReport)
  validateRecord(
    @Ctx() ctx: RequestContext,
    @Args('standardCode') standardCode: string,
    @Args('record', { type: () => JSONScalar }) record: unknown,
    @Args('version', { type: () => String, nullable: true }) version?: string | null,
  ): Promise<ValidationReport> {
    return this.validation.validate(ctx, standardCode, version, record);
  }

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => DataStandard)
  createDataStandard(@Ctx() ctx: RequestContext, @Args('input') input: CreateDataStandardInput): Promise<DataStandard> {
    return this.service.create(ctx, input);
  }

  @ResolveField(() => Organization)
  async owner(@Ctx() ctx: RequestContext, @Parent() standard: DataStandard): Promise<Organization> {
    const owner = await this.organizations.loader(ctx).load(standard.ownerOrganizationId);
    if (!owner) throw Errors.notFound(ctx, 'entity.organization');
    return owner;
  }

  /** Newest first; drafts only for the owner. */
  @ResolveField(() => [StandardVersion])
  versions(@Ctx() ctx: RequestContext, @Parent() standard: DataStandard): Promise<StandardVersion[]> {
    return this.service.versionsOfStandardLoader(ctx).load(standard.id);
  }

  @ResolveField(() => StandardVersion, { nullable: true })
  async latestPublished(@Ctx() ctx: RequestContext, @Parent() standard: DataStandard): Promise<StandardVersion | null> {
    const versions = await this.service.versionsOfStandardLoader(ctx).load(standard.id);
    return versions.find((v) => effectiveStatus(v) === StandardStatus.PUBLISHED) ?? null;
  }
}

@Resolver(() => StandardVersion)
export class StandardVersionResolver {
  constructor(private readonly service: StandardsService) {}

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => StandardVersion)
  createStandardVersion(
    @Ctx() ctx: RequestContext,
    @Args('standardId', { type: () => ID }) standardId: string,
    @Args('input') input: StandardVersionInput,
  ): Promise<StandardVersion> {
    return this.service.createVersion(ctx, standardId, input);
  }

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => StandardVersion)
  updateStandardVersion(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('input') input: StandardVersionInput,
  ): Promise<StandardVersion> {
    return this.service.updateVersion(ctx, versionId, input);
  }

  /** Not in the contract: drafts can be deleted, published versions never. */
  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => Boolean)
  deleteStandardVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<boolean> {
    return this.service.deleteVersion(ctx, versionId);
  }

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Query(() => PublicationPreview, { description: 'What publishing a draft version would report, before confirming it.' })
  standardVersionPublicationPreview(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
  ): Promise<PublicationPreview> {
    return this.service.previewPublication(ctx, versionId);
  }

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => StandardVersion)
  publishStandardVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<StandardVersion> {
    return this.service.publish(ctx, versionId);
  }

  @Roles(Role.STANDARDS_ADMIN)
  @OrgKinds(OrgKind.ALLIANCE)
  @Mutation(() => StandardVersion)
  deprecateStandardVersion(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('sunsetDate', { type: () => DateScalar }) sunsetDate: string,
  ): Promise<StandardVersion> {
    return this.service.deprecate(ctx, versionId, sunsetDate);
  }

  @ResolveField(() => DataStandard)
  async standard(@Ctx() ctx: RequestContext, @Parent() version: StandardVersion): Promise<DataStandard> {
    const standard = await this.service.standardLoader(ctx).load(version.standardId);
    if (!standard) throw Errors.notFound(ctx, 'entity.dataStandard');
    return standard;
  }

  @ResolveField(() => StandardStatus)
  status(@Parent() version: StandardVersion): StandardStatus {
    return effectiveStatus(version);
  }

  /** What the caller may do next (the portal's buttons), from the version's lifecycle. */
  @ResolveField(() => [StandardVersionAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() version: StandardVersion): StandardVersionAction[] {
    return this.service.availableActions(ctx, version);
  }

  @ResolveField(() => Compatibility, { nullable: true })
  compatibility(@Ctx() ctx: RequestContext, @Parent() version: StandardVersion): Compatibility | null {
    if (!version.compatibility) return null;
    return {
      breaking: version.compatibility.breaking,
      changes: version.compatibility.changes.map((c) => describeChange(c, ctx.locale)),
    };
  }

  @ResolveField(() => Int)
  adoptionCount(@Ctx() ctx: RequestContext, @Parent() version: StandardVersion): Promise<number> {
    return this.service.adoptionCountLoader(ctx).load(version.id);
  }
}

@Resolver(() => CodeEntry)
export class CodeEntryResolver {
  /** labelZh or labelEn, following the caller's locale. */
  @ResolveField(() => String)
  label(@Ctx() ctx: RequestContext, @Parent() entry: CodeEntry): string {
    return bilingual(ctx.locale, { zh: entry.labelZh, en: entry.labelEn });
  }
}

@Resolver(() => Adoption)
export class AdoptionResolver {
  constructor(
    private readonly service: StandardsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => [Adoption])
  adoptions(@Ctx() ctx: RequestContext): Promise<Adoption[]> {
    return this.service.adoptions(ctx);
  }

  @Roles(Role.ORG_ADMIN, Role.STANDARDS_ADMIN)
  @Mutation(() => Adoption)
  adoptStandardVersion(@Ctx() ctx: RequestContext, @Args('versionId', { type: () => ID }) versionId: string): Promise<Adoption> {
    return this.service.adopt(ctx, versionId);
  }

  @ResolveField(() => Organization)
  async organization(@Ctx() ctx: RequestContext, @Parent() adoption: Adoption): Promise<Organization> {
    const organization = await this.organizations.loader(ctx).load(adoption.organizationId);
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }

  @ResolveField(() => StandardVersion)
  async standardVersion(@Ctx() ctx: RequestContext, @Parent() adoption: Adoption): Promise<StandardVersion> {
    const version = await this.service.versionLoader(ctx).load(adoption.standardVersionId);
    if (!version) throw Errors.notFound(ctx, 'entity.standardVersion');
    return version;
  }
}
