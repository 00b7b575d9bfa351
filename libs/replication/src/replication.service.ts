import { Injectable } from '@nestjs/common';
import {
  bilingual,
  isMessageKey,
  AuditService,
  BadUserInputError,
  byKeys,
  DomainEvents,
  Errors,
  GradientLevel,
  groupByKeys,
  intInRange,
  isUuid,
  optionalText,
  type RequestContext,
  requestLoader,
  LoaderSlot,
  requiredText,
  requireId,
} from '@anchorlink/core';
import { PartnershipsService } from '@anchorlink/identity';
import { ScorecardsService } from '@anchorlink/scorecards';
import { compareSemVer, effectiveStatus, StandardsService, StandardStatus } from '@anchorlink/standards';
import type DataLoader from 'dataloader';
import {
  PACKAGE_LIFECYCLE,
  PackageAction,
  packageActions,
  ROLLOUT_LIFECYCLE,
  RolloutAction,
  rolloutActions,
} from './replication-lifecycle.js';
import type { NetworkOverview, ReplicationPackageInput, RolloutItemView, SubmitAssessmentInput } from './dto/replication.types.js';
import type { AssessmentCriterion, MaturityAssessment } from './entities/assessment.entity.js';
import {
  type ChecklistItem,
  PackageStatus,
  type ReplicationPackage,
  type Rollout,
  RolloutStatus,
} from './entities/replication-package.entity.js';
import { computeLevel, LEVELS } from './level.js';
import { ReplicationRepository } from './replication.repository.js';

const MAX_CHECKLIST = 100;
const MAX_SUPPLIERS_PER_LAUNCH = 500;

/**
 * 母工厂 + 复制推广: the anchor packages a proven practice (checklist, target
 * level, required standard versions) and rolls it out to its suppliers, who
 * work through it item by item; suppliers and anchors assess their own level.
 */
// Per-request loaders (RequestScope slots).
const PACKAGE_BY_ID = new LoaderSlot<string, ReplicationPackage | null>('replication.packages');
const CHECKLIST_BY_PACKAGE = new LoaderSlot<string, ChecklistItem[]>('replication.checklists');
const CHECKLIST_ITEM_BY_ID = new LoaderSlot<string, ChecklistItem | null>('replication.checklistItems');
const ROLLOUT_ITEMS = new LoaderSlot<string, RolloutItemView[]>('replication.items');

@Injectable()
export class ReplicationService {
  constructor(
    private readonly replication: ReplicationRepository,
    private readonly partnerships: PartnershipsService,
    private readonly standards: StandardsService,
    private readonly scorecards: ScorecardsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  // ---------------------------------------------------------------- packages

  listPackages(ctx: RequestContext, status: PackageStatus | null | undefined): Promise<ReplicationPackage[]> {
    return this.replication.listPackages(ctx, status ?? null);
  }

  async createPackage(ctx: RequestContext, input: ReplicationPackageInput): Promise<ReplicationPackage> {
    const title = requiredText(ctx, input.title, 'title', 200);
    const summary = requiredText(ctx, input.summary, 'summary', 4000);
    if (!input.checklist.length) throw new BadUserInputError(ctx.t('field.required', { field: 'checklist' }), { field: 'checklist' });
    if (input.checklist.length > MAX_CHECKLIST) {
      throw new BadUserInputError(ctx.t('field.range', { field: 'checklist', min: 1, max: MAX_CHECKLIST }), { field: 'checklist' });
    }
    const checklist = input.checklist.map((item, i) => ({
      title: requiredText(ctx, item.title, `checklist[${i}].title`, 200),
      description: optionalText(ctx, item.description, `checklist[${i}].description`, 2000),
      evidenceRequired: item.evidenceRequired,
    }));
    const versionIds = [...new Set((input.requiredStandardVersionIds ?? []).map((id) => requireId(ctx, id, 'entity.standardVersion')))];
    for (const id of versionIds) {
      const version = await this.standards.versionLoader(ctx).load(id);
      if (!version) throw Errors.notFound(ctx, 'entity.standardVersion');
      const status = effectiveStatus(version);
      if (status !== StandardStatus.PUBLISHED) {
        throw new BadUserInputError(ctx.t('standard.notPublished', { action: { message: 'standard.action.REQUIRE' }, status }), {
          field: 'requiredStandardVersionIds',
        });
      }
    }
    const id = await this.replication.insertPackage(
      ctx,
      { title, summary, targetLevel: input.targetLevel, requiredStandardVersionIds: versionIds },
      checklist,
    );
    await this.audit.record(ctx, {
      action: 'replication_package.created',
      entityType: 'ReplicationPackage',
      entityId: id,
      details: { title, targetLevel: input.targetLevel, items: checklist.length, requiredStandardVersionIds: versionIds },
    });
    return this.getPackage(ctx, id);
  }

  async publishPackage(ctx: RequestContext, id: string): Promise<ReplicationPackage> {
    return this.movePackage(ctx, id, PackageAction.PUBLISH, PackageStatus.PUBLISHED);
  }

  async archivePackage(ctx: RequestContext, id: string): Promise<ReplicationPackage> {
    return this.movePackage(ctx, id, PackageAction.ARCHIVE, PackageStatus.ARCHIVED);
  }

  private async movePackage(ctx: RequestContext, id: string, action: PackageAction, to: PackageStatus): Promise<ReplicationPackage> {
    const pkg = await this.ownPackage(ctx, id);
    const from = pkg.status;
    PACKAGE_LIFECYCLE.assertAction(ctx, action, from);
    PACKAGE_LIFECYCLE.assertTransition(ctx, from, to);
    // Changed meanwhile by another request: the state it is in now decides.
    if (!(await this.replication.setPackageStatus(ctx, pkg.id, from, to))) PACKAGE_LIFECYCLE.assertAction(ctx, action, to);
    await this.audit.record(ctx, {
      action: `replication_package.${to.toLowerCase()}`,
      entityType: 'ReplicationPackage',
      entityId: pkg.id,
      details: { before: from, after: to },
    });
    // Not through the request's loader: it holds the package as it was before this change.
    const [moved] = await this.replication.findPackagesByIds(ctx, [pkg.id]);
    return moved;
  }

  async getPackage(ctx: RequestContext, id: string): Promise<ReplicationPackage> {
    const pkg = await this.packageLoader(ctx).load(id);
    if (!pkg) throw Errors.notFound(ctx, 'entity.replicationPackage');
    return pkg;
  }

  private async ownPackage(ctx: RequestContext, id: string): Promise<ReplicationPackage> {
    const pkg = await this.getPackage(ctx, requireId(ctx, id, 'entity.replicationPackage'));
    if (pkg.ownerOrganizationId !== ctx.organizationId) throw Errors.notFound(ctx, 'entity.replicationPackage');
    return pkg;
  }

  // ---------------------------------------------------------------- rollouts

  /** Rolls a published package out to ACTIVE partner suppliers; relaunching returns the existing rollout. */
  async launch(ctx: RequestContext, packageId: string, supplierIds: string[]): Promise<Rollout[]> {
    const pkg = await this.ownPackage(ctx, packageId);
    PACKAGE_LIFECYCLE.assertAction(ctx, PackageAction.LAUNCH, pkg.status);
    if (!supplierIds.length || supplierIds.length > MAX_SUPPLIERS_PER_LAUNCH) {
      throw new BadUserInputError(ctx.t('field.range', { field: 'supplierIds', min: 1, max: MAX_SUPPLIERS_PER_LAUNCH }), {
        field: 'supplierIds',
      });
    }
    const suppliers = [...new Set(supplierIds.map((id) => requireId(ctx, id, 'entity.supplier')))];
    for (const supplier of suppliers) await this.partnerships.requireActive(ctx, supplier);
    const existing = new Set((await this.replication.findRolloutsFor(ctx, pkg.id, suppliers)).map((r) => r.supplierOrganizationId));
    for (const supplier of suppliers) {
      if (existing.has(supplier)) continue;
      await this.replication.insertRollout(ctx, pkg.id, supplier);
    }
    const rollouts = await this.replication.findRolloutsFor(ctx, pkg.id, suppliers);
    const launched = rollouts.filter((r) => !existing.has(r.supplierOrganizationId));
    if (launched.length) {
      await this.audit.record(ctx, {
        action: 'rollout.launched',
        entityType: 'ReplicationPackage',
        entityId: pkg.id,
        details: { suppliers: launched.map((r) => r.supplierOrganizationId), rollouts: launched.map((r) => r.id) },
      });
    }
    const bySupplier = new Map(rollouts.map((r) => [r.supplierOrganizationId, r]));
    return suppliers.map((s) => bySupplier.get(s)!);
  }

  async listRollouts(ctx: RequestContext, packageId: string | null | undefined, supplierId: string | null | undefined): Promise<Rollout[]> {
    if ((packageId && !isUuid(packageId)) || (supplierId && !isUuid(supplierId))) return [];
    return this.replication.listRollouts(ctx, packageId ?? null, supplierId ?? null);
  }

  /**
   * The supplier ticks (or unticks) an item. When every item is done the
   * rollout is COMPLETED and the supplier adopts the package's required
   * standard versions, unless it already uses a newer compatible one.
   */
  async updateItem(
    ctx: RequestContext,
    rolloutId: string,
    itemId: string,
    done: boolean,
    evidence: string | null | undefined,
  ): Promise<Rollout> {
    const rollout = await this.replication.findRollout(ctx, requireId(ctx, rolloutId, 'entity.rollout'), true);
    if (!rollout || rollout.supplierOrganizationId !== ctx.organizationId) throw Errors.notFound(ctx, 'entity.rollout');
    ROLLOUT_LIFECYCLE.assertAction(ctx, RolloutAction.UPDATE_ITEM, rollout.status);
    const items = await this.replication.findItemsByPackageIds(ctx, [rollout.packageId]);
    const item = isUuid(itemId) ? items.find((i) => i.id === itemId.toLowerCase()) : undefined;
    if (!item) throw Errors.notFound(ctx, 'entity.checklistItem');
    const text = optionalText(ctx, evidence, 'evidence', 2000);
    if (done && item.evidenceRequired && !text) {
      throw new BadUserInputError(ctx.t('replication.evidenceRequired', { item: item.title }), { field: 'evidence' });
    }
    await this.replication.updateRolloutItem(ctx, rollout.id, item.id, done, done ? text : null);
    const states = await this.replication.findRolloutItems(ctx, [rollout.id]);
    const doneCount = states.filter((s) => s.done).length;
    const status =
      doneCount === states.length
        ? RolloutStatus.COMPLETED
        : doneCount > 0 || rollout.status === RolloutStatus.IN_PROGRESS
          ? RolloutStatus.IN_PROGRESS
          : RolloutStatus.NOT_STARTED;
    if (status !== rollout.status) {
      ROLLOUT_LIFECYCLE.assertTransition(ctx, rollout.status, status);
      await this.replication.setRolloutStatus(ctx, rollout.id, status);
    }
    await this.audit.record(ctx, {
      action: 'rollout_item.updated',
      entityType: 'Rollout',
      entityId: rollout.id,
      details: { itemId: item.id, done, evidence: done ? text : null, status },
    });
    if (status === RolloutStatus.COMPLETED) {
      const adopted = await this.adoptRequired(ctx, rollout.packageId);
      await this.audit.record(ctx, { action: 'rollout.completed', entityType: 'Rollout', entityId: rollout.id, details: { adopted } });
      await this.events.emit(ctx, {
        type: 'rollout.completed',
        organizationIds: [rollout.anchorOrganizationId, rollout.supplierOrganizationId],
        entityType: 'Rollout',
        entityId: rollout.id,
        data: {
          rolloutId: rollout.id,
          packageId: rollout.packageId,
          anchorId: rollout.anchorOrganizationId,
          supplierId: rollout.supplierOrganizationId,
          adopted,
        },
      });
    }
    return (await this.replication.findRollout(ctx, rollout.id))!;
  }

  private async adoptRequired(ctx: RequestContext, packageId: string): Promise<string[]> {
    const pkg = await this.getPackage(ctx, packageId);
    const adopted: string[] = [];
    const current = await this.standards.adoptions(ctx);
    for (const versionId of pkg.requiredStandardVersionIds) {
      const version = await this.standards.versionLoader(ctx).load(versionId);
      if (!version || effectiveStatus(version) !== StandardStatus.PUBLISHED) continue;
      const mine = current.find((a) => a.standardId === version.standardId);
      const mineVersion = mine ? await this.standards.versionLoader(ctx).load(mine.standardVersionId) : null;
      // A newer version of the same major is compatible: keep it.
      if (mineVersion && mineVersion.major === version.major && compareSemVer(mineVersion, version) >= 0) continue;
      await this.standards.adopt(ctx, version.id);
      adopted.push(version.id);
    }
    return adopted;
  }

  // ---------------------------------------------------------------- assessments

  criteria(ctx: RequestContext): Promise<AssessmentCriterion[]> {
    return this.replication.criteria(ctx);
  }

  async submitAssessment(ctx: RequestContext, input: SubmitAssessmentInput): Promise<MaturityAssessment> {
    const scenarioCount = intInRange(ctx, input.scenarioCount, 'scenarioCount', 0, 100_000);
    const aiScenarioCount = intInRange(ctx, input.aiScenarioCount, 'aiScenarioCount', 0, scenarioCount);
    const maturityLevel =
      input.maturityLevel === null || input.maturityLevel === undefined
        ? null
        : intInRange(ctx, input.maturityLevel, 'maturityLevel', 1, 5);
    const criteria = await this.replication.criteria(ctx);
    const known = new Set(criteria.map((c) => c.id));
    const seen = new Set<string>();
    const answers = input.answers.map((a, i) => {
      const id = a.criterionId.toLowerCase();
      if (!known.has(id))
        throw new BadUserInputError(ctx.t('replication.unknownCriterion', { id: a.criterionId }), { field: `answers[${i}].criterionId` });
      if (seen.has(id))
        throw new BadUserInputError(ctx.t('replication.duplicateAnswer', { id: a.criterionId }), { field: `answers[${i}].criterionId` });
      seen.add(id);
      return { criterionId: id, met: a.met, evidence: optionalText(ctx, a.evidence, `answers[${i}].evidence`, 2000) };
    });
    const result = computeLevel(criteria, {
      met: new Set(answers.filter((a) => a.met).map((a) => a.criterionId)),
      scenarioCount,
      aiScenarioCount,
      maturityLevel,
    });
    const assessment = await this.replication.insertAssessment(ctx, {
      level: result.level,
      scenarioCount,
      aiScenarioCount,
      maturityLevel,
      answers,
      gaps: result.gaps,
    });
    await this.audit.record(ctx, {
      action: 'maturity_assessment.submitted',
      entityType: 'MaturityAssessment',
      entityId: assessment.id,
      details: { level: result.level, scenarioCount, aiScenarioCount, maturityLevel, met: answers.filter((a) => a.met).length },
    });
    return assessment;
  }

  /** The caller's own assessments, or an anchor's view of one of its suppliers'; newest first. */
  async assessments(ctx: RequestContext, organizationId: string | null | undefined): Promise<MaturityAssessment[]> {
    const target = organizationId ? requireId(ctx, organizationId, 'entity.organization') : ctx.organizationId;
    if (target !== ctx.organizationId && !(await this.partnerships.findWithSupplier(ctx, target))) {
      throw Errors.notFound(ctx, 'entity.organization');
    }
    return this.replication.assessments(ctx, target);
  }

  /** A criterion's scenario area, in the caller's language (the area's code when the catalogue has no name for it). */
  areaName(ctx: RequestContext, area: string): string {
    const key = `assessment.area.${area}`;
    return isMessageKey(key) ? ctx.t(key) : area;
  }

  /** A criterion's text, which the assessment model holds in both languages, in the caller's. */
  criterionText(ctx: RequestContext, criterion: { textZh: string; textEn: string }): string {
    return bilingual(ctx.locale, { zh: criterion.textZh, en: criterion.textEn });
  }

  /** What the caller may do next with a package (the portal's buttons). */
  packageActions(ctx: RequestContext, pkg: ReplicationPackage): PackageAction[] {
    return packageActions(ctx, pkg);
  }

  /** What the caller may do next with a rollout (the portal's buttons). */
  rolloutActions(ctx: RequestContext, rollout: Rollout): RolloutAction[] {
    return rolloutActions(ctx, rollout);
  }

  // ---------------------------------------------------------------- the anchor's network

  async overview(ctx: RequestContext): Promise<NetworkOverview> {
    const byLevel = await this.replication.suppliersByLevel(ctx);
    const counts = new Map(byLevel.map((r) => [r.level, r.count]));
    const rollouts = await this.replication.countRollouts(ctx);
    return {
      supplierCount: byLevel.reduce((sum, r) => sum + r.count, 0),
      suppliersByLevel: [...LEVELS, null].map((level: GradientLevel | null) => ({ level, count: counts.get(level) ?? 0 })),
      activeRollouts: rollouts.active,
      completedRollouts: rollouts.completed,
      onTimeDeliveryRate: await this.scorecards.onTimeRate(ctx, 90),
      openOrders: await this.replication.openOrders(ctx),
    };
  }

  // ---------------------------------------------------------------- loaders

  packageLoader(ctx: RequestContext): DataLoader<string, ReplicationPackage | null> {
    return requestLoader(ctx, PACKAGE_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.replication.findPackagesByIds(ctx, ids), (p) => p.id),
    );
  }

  checklistLoader(ctx: RequestContext): DataLoader<string, ChecklistItem[]> {
    return requestLoader(ctx, CHECKLIST_BY_PACKAGE, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.replication.findItemsByPackageIds(ctx, ids), (c) => c.packageId),
    );
  }

  checklistItemLoader(ctx: RequestContext): DataLoader<string, ChecklistItem | null> {
    return requestLoader(ctx, CHECKLIST_ITEM_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.replication.findItemsByIds(ctx, ids), (c) => c.id),
    );
  }

  rolloutItemsLoader(ctx: RequestContext): DataLoader<string, RolloutItemView[]> {
    return requestLoader(ctx, ROLLOUT_ITEMS, async (ids: readonly string[]) => {
      const rows = await this.replication.findRolloutItems(ctx, ids);
      return groupByKeys(ids, rows, (r) => r.rolloutId).map((group) =>
        group.map((r) => ({ itemId: r.itemId, done: r.done, evidence: r.evidence, completedAt: r.completedAt })),
      );
    });
  }
}
