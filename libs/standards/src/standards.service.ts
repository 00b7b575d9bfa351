import { Injectable } from '@nestjs/common';
import {
  AuditService,
  BadUserInputError,
  businessToday,
  byKeys,
  ConflictError,
  DomainEvents,
  Errors,
  ForbiddenError,
  groupByKeys,
  isUniqueViolation,
  optionalText,
  type RequestContext,
  requestLoader,
  LoaderSlot,
  requiredText,
  requireId,
} from '@anchorlink/core';
import type DataLoader from 'dataloader';
import {
  bumpSuffices,
  compareCodeLists,
  compareRecordSchemas,
  describeChange,
  isBreaking,
  requiredBump,
  type StoredCompatibility,
} from './compatibility.js';
import { normalizeContent, requireRunnablePatterns } from './content.js';
import {
  type CreateDataStandardInput,
  type PublicationPreview,
  FieldType,
  StandardKind,
  StandardStatus,
  type StandardVersionInput,
} from './dto/standard.types.js';
import type { Adoption } from './entities/adoption.entity.js';
import type { DataStandard } from './entities/data-standard.entity.js';
import type { StandardVersion } from './entities/standard-version.entity.js';
import { bumpBetween, formatSemVer, parseSemVer } from './semver.js';
import { StandardsRepository } from './standards.repository.js';
import { STANDARD_VERSION_LIFECYCLE, StandardVersionAction, standardVersionActions } from './standard-lifecycle.js';

const STANDARD_CODE = /^[A-Z][A-Z0-9-]{0,31}$/;

/** A DEPRECATED version past its sunset date is RETIRED. */
export function effectiveStatus(version: Pick<StandardVersion, 'status' | 'sunsetDate'>, today = businessToday()): StandardStatus {
  return version.status === StandardStatus.DEPRECATED && version.sunsetDate !== null && version.sunsetDate < today
    ? StandardStatus.RETIRED
    : version.status;
}

/**
 * The registry of shared data standards: standards, versions and their
 * lifecycle (DRAFT → PUBLISHED → DEPRECATED → RETIRED), compatibility and the
 * semver guard on publish, and adoption by organizations.
 */
// Per-request loaders (RequestScope slots).
const STANDARD_BY_ID = new LoaderSlot<string, DataStandard | null>('standards.byId');
const VERSION_BY_ID = new LoaderSlot<string, StandardVersion | null>('standards.versionById');
const VERSIONS_BY_STANDARD = new LoaderSlot<string, StandardVersion[]>('standards.versionsByStandard');
const ADOPTION_COUNT = new LoaderSlot<string, number>('standards.adoptionCount');

@Injectable()
export class StandardsService {
  constructor(
    private readonly standards: StandardsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  list(ctx: RequestContext, status?: StandardStatus | null): Promise<DataStandard[]> {
    return this.standards.listStandards(ctx, status ?? null);
  }

  async getByCode(ctx: RequestContext, code: string): Promise<DataStandard> {
    const standard = await this.standards.findStandardByCode(ctx, code.trim().toUpperCase());
    if (!standard) throw Errors.notFound(ctx, 'entity.dataStandard');
    return standard;
  }

  async create(ctx: RequestContext, input: CreateDataStandardInput): Promise<DataStandard> {
    const code = input.code.trim().toUpperCase();
    if (!STANDARD_CODE.test(code)) throw new BadUserInputError(ctx.t('standard.codeInvalid'), { field: 'code' });
    const values = {
      ownerOrganizationId: ctx.organizationId,
      code,
      name: requiredText(ctx, input.name, 'name', 200),
      description: optionalText(ctx, input.description, 'description', 4000),
      kind: input.kind,
    };
    let standard: DataStandard;
    try {
      standard = await this.standards.insertStandard(ctx, values);
    } catch (error) {
      if (isUniqueViolation(error, 'data_standards_code_key')) throw new ConflictError(ctx.t('standard.duplicateCode', { code }));
      throw error;
    }
    await this.audit.record(ctx, { action: 'standard.created', entityType: 'DataStandard', entityId: standard.id, details: values });
    return standard;
  }

  async createVersion(ctx: RequestContext, standardId: string, input: StandardVersionInput): Promise<StandardVersion> {
    const [standard] = await this.standards.findStandardsByIds(ctx, [requireId(ctx, standardId, 'entity.dataStandard')]);
    if (!standard) throw Errors.notFound(ctx, 'entity.dataStandard');
    this.requireOwner(ctx, standard.ownerOrganizationId);
    const values = this.versionValues(ctx, standard, input);
    let version: StandardVersion;
    try {
      version = await this.standards.insertVersion(ctx, { standardId: standard.id, ownerOrganizationId: ctx.organizationId, ...values });
    } catch (error) {
      if (isUniqueViolation(error, 'standard_versions_standard_version_key')) {
        throw new ConflictError(ctx.t('standard.versionExists', { version: values.version }));
      }
      throw error;
    }
    await this.audit.record(ctx, {
      action: 'standard_version.created',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: { standard: standard.code, version: values.version, codes: values.codes.length, fields: values.fields.length },
    });
    return version;
  }

  async updateVersion(ctx: RequestContext, versionId: string, input: StandardVersionInput): Promise<StandardVersion> {
    const { version, standard } = await this.ownedVersion(ctx, versionId);
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.UPDATE, version.status);
    const values = this.versionValues(ctx, standard, input);
    try {
      // Published meanwhile (the row is locked, so only by this request): the draft is gone.
      if (!(await this.standards.updateDraft(ctx, version.id, values)))
        STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.UPDATE, StandardStatus.PUBLISHED);
    } catch (error) {
      if (isUniqueViolation(error, 'standard_versions_standard_version_key')) {
        throw new ConflictError(ctx.t('standard.versionExists', { version: values.version }));
      }
      throw error;
    }
    await this.audit.record(ctx, {
      action: 'standard_version.updated',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: {
        before: { version: version.version, codes: version.codes.length, fields: version.fields.length },
        after: { version: values.version, codes: values.codes.length, fields: values.fields.length },
      },
    });
    return { ...version, ...values };
  }

  async deleteVersion(ctx: RequestContext, versionId: string): Promise<boolean> {
    const { version } = await this.ownedVersion(ctx, versionId);
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.DELETE, version.status);
    await this.standards.deleteDraft(ctx, version.id);
    await this.audit.record(ctx, {
      action: 'standard_version.deleted',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: { version: version.version },
    });
    return true;
  }

  /**
   * What publishing a draft would report, before anyone confirms it: the
   * changes against the previous released version, whether they break
   * existing data, the version step they need and whether the draft's
   * number makes that step. Publishing checks the same.
   */
  async previewPublication(ctx: RequestContext, versionId: string): Promise<PublicationPreview> {
    // A read: it takes no lock (a query's transaction is READ ONLY), so a concurrent edit may follow it.
    const { version, standard } = await this.ownedVersion(ctx, versionId, { lock: false });
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.PUBLISH, version.status);
    const { previous, changes, actual, required } = await this.compare(ctx, standard, version);
    return {
      against: previous?.version ?? null,
      breaking: changes.some(isBreaking),
      changes: changes.map((c) => describeChange(c, ctx.locale)),
      requiredStep: required,
      versionStep: previous ? actual : null,
      publishable: !previous || (actual !== 'none' && bumpSuffices(required, actual)),
    };
  }

  private async compare(ctx: RequestContext, standard: DataStandard, version: StandardVersion) {
    const previous = await this.standards.findLatestReleased(ctx, standard.id, version.id);
    const changes = previous
      ? standard.kind === StandardKind.CODE_LIST
        ? compareCodeLists(previous.codes, version.codes)
        : compareRecordSchemas(previous.fields, version.fields)
      : [];
    return { previous, changes, actual: previous ? bumpBetween(previous, version) : ('none' as const), required: requiredBump(changes) };
  }

  /**
   * Publishes a draft: compares it with the previous published version,
   * stores the compatibility report, and refuses a version number too small
   * for the changes (BAD_USER_INPUT listing them).
   */
  async publish(ctx: RequestContext, versionId: string): Promise<StandardVersion> {
    const { version, standard } = await this.ownedVersion(ctx, versionId);
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.PUBLISH, version.status);
    if (!version.codes.length && !version.fields.length) throw new BadUserInputError(ctx.t('standard.empty'));
    requireRunnablePatterns(ctx, version.fields);
    await this.requireCodeListsExist(ctx, version);

    const { previous, changes, actual, required } = await this.compare(ctx, standard, version);
    if (previous) {
      if (actual === 'none') {
        throw new BadUserInputError(ctx.t('standard.versionNotGreater', { version: version.version, previous: previous.version }), {
          field: 'version',
        });
      }
      if (!bumpSuffices(required, actual)) {
        const listed = changes.filter((c) => required !== 'major' || isBreaking(c)).map((c) => describeChange(c, ctx.locale));
        throw new BadUserInputError(
          ctx.t('standard.bumpTooSmall', {
            previous: previous.version,
            required,
            version: version.version,
            actual,
            changes: listed.join('; '),
          }),
          { field: 'version', errors: listed },
        );
      }
    }
    const compatibility: StoredCompatibility = {
      breaking: changes.some(isBreaking),
      against: previous?.version ?? null,
      changes,
    };
    const publishedAt = new Date();
    STANDARD_VERSION_LIFECYCLE.assertTransition(ctx, version.status, StandardStatus.PUBLISHED);
    if (
      !(await this.standards.setStatus(ctx, version.id, StandardStatus.DRAFT, {
        status: StandardStatus.PUBLISHED,
        publishedAt,
        compatibility,
      }))
    ) {
      STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.PUBLISH, StandardStatus.PUBLISHED);
    }
    await this.audit.record(ctx, {
      action: 'standard_version.published',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: { standard: standard.code, version: version.version, against: compatibility.against, breaking: compatibility.breaking },
    });
    // Standards are shared with every organization: so is the news of a new version.
    await this.events.emit(ctx, {
      type: 'standard.published',
      organizationIds: null,
      entityType: 'StandardVersion',
      entityId: version.id,
      orderingKey: standard.id,
      data: {
        standardId: standard.id,
        code: standard.code,
        name: standard.name,
        kind: standard.kind,
        versionId: version.id,
        version: version.version,
        against: compatibility.against,
        breaking: compatibility.breaking,
      },
    });
    return { ...version, status: StandardStatus.PUBLISHED, publishedAt, compatibility };
  }

  async deprecate(ctx: RequestContext, versionId: string, sunsetDate: string): Promise<StandardVersion> {
    const { version, standard } = await this.ownedVersion(ctx, versionId);
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.DEPRECATE, effectiveStatus(version));
    if (sunsetDate < businessToday()) throw new BadUserInputError(ctx.t('standard.sunsetPast'), { field: 'sunsetDate' });
    STANDARD_VERSION_LIFECYCLE.assertTransition(ctx, StandardStatus.PUBLISHED, StandardStatus.DEPRECATED);
    await this.standards.setStatus(ctx, version.id, StandardStatus.PUBLISHED, { status: StandardStatus.DEPRECATED, sunsetDate });
    await this.audit.record(ctx, {
      action: 'standard_version.deprecated',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: { standard: standard.code, version: version.version, sunsetDate },
    });
    return { ...version, status: StandardStatus.DEPRECATED, sunsetDate };
  }

  /** The caller's organization adopts a published version; it replaces its adoption of that standard. */
  async adopt(ctx: RequestContext, versionId: string): Promise<Adoption> {
    const [version] = await this.standards.findVersionsByIds(ctx, [requireId(ctx, versionId, 'entity.standardVersion')]);
    if (!version) throw Errors.notFound(ctx, 'entity.standardVersion');
    STANDARD_VERSION_LIFECYCLE.assertAction(ctx, StandardVersionAction.ADOPT, effectiveStatus(version));
    const current = await this.standards.findCurrentAdoption(ctx, ctx.organizationId, version.standardId);
    if (current?.standardVersionId === version.id) return current;
    const adoption = await this.standards.adopt(ctx, version.standardId, version.id);
    await this.audit.record(ctx, {
      action: 'adoption.changed',
      entityType: 'StandardVersion',
      entityId: version.id,
      details: { before: current?.standardVersionId ?? null, after: version.id, version: version.version },
    });
    return adoption;
  }

  /** What the caller may do next with a version (the portal's buttons). */
  availableActions(ctx: RequestContext, version: StandardVersion): StandardVersionAction[] {
    return standardVersionActions(ctx, { status: effectiveStatus(version), ownerOrganizationId: version.ownerOrganizationId });
  }

  adoptions(ctx: RequestContext): Promise<Adoption[]> {
    return this.standards.findCurrentAdoptions(ctx, ctx.organizationId);
  }

  standardLoader(ctx: RequestContext): DataLoader<string, DataStandard | null> {
    return requestLoader(ctx, STANDARD_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.standards.findStandardsByIds(ctx, ids), (s) => s.id),
    );
  }

  versionLoader(ctx: RequestContext): DataLoader<string, StandardVersion | null> {
    return requestLoader(ctx, VERSION_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.standards.findVersionsByIds(ctx, ids), (v) => v.id),
    );
  }

  versionsOfStandardLoader(ctx: RequestContext): DataLoader<string, StandardVersion[]> {
    return requestLoader(ctx, VERSIONS_BY_STANDARD, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.standards.findVersionsByStandardIds(ctx, ids), (v) => v.standardId),
    );
  }

  adoptionCountLoader(ctx: RequestContext): DataLoader<string, number> {
    return requestLoader(ctx, ADOPTION_COUNT, async (ids: readonly string[]) => {
      const counts = await this.standards.countAdoptions(ctx, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }

  private versionValues(ctx: RequestContext, standard: DataStandard, input: StandardVersionInput) {
    const semver = parseSemVer(input.version);
    if (!semver) throw new BadUserInputError(ctx.t('standard.versionInvalid'), { field: 'version' });
    return {
      version: formatSemVer(semver),
      ...semver,
      changeSummary: optionalText(ctx, input.changeSummary, 'changeSummary', 4000),
      ...normalizeContent(ctx, standard.kind, input.codes, input.fields),
    };
  }

  private async ownedVersion(
    ctx: RequestContext,
    versionId: string,
    { lock }: { lock: boolean } = { lock: true },
  ): Promise<{ version: StandardVersion; standard: DataStandard }> {
    const id = requireId(ctx, versionId, 'entity.standardVersion');
    const [visible] = await this.standards.findVersionsByIds(ctx, [id]);
    if (!visible) throw Errors.notFound(ctx, 'entity.standardVersion');
    this.requireOwner(ctx, visible.ownerOrganizationId);
    // Locked and read again: a concurrent publish or edit of the same draft waits for this one.
    const version = lock ? await this.standards.findVersionForUpdate(ctx, id) : visible;
    if (!version) throw Errors.notFound(ctx, 'entity.standardVersion');
    const [standard] = await this.standards.findStandardsByIds(ctx, [version.standardId]);
    return { version, standard: standard };
  }

  /** Others see published standards, but only the owning alliance changes them. */
  private requireOwner(ctx: RequestContext, ownerOrganizationId: string): void {
    if (ownerOrganizationId !== ctx.organizationId) throw new ForbiddenError(ctx.t('error.forbidden'));
  }

  private async requireCodeListsExist(ctx: RequestContext, version: StandardVersion): Promise<void> {
    for (const field of version.fields) {
      if (field.type !== FieldType.CODE || !field.codeList) continue;
      const list = await this.standards.findStandardByCode(ctx, field.codeList);
      const released = list && list.kind === StandardKind.CODE_LIST ? await this.standards.findLatestReleased(ctx, list.id) : null;
      if (!released) {
        throw new BadUserInputError(ctx.t('standard.unknownCodeList', { field: field.name, codeList: field.codeList }), {
          field: 'fields',
        });
      }
    }
  }
}
