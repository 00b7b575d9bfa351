import { Injectable } from '@nestjs/common';
import { DatabaseGate, type GradientLevel, insertOne, type RequestContext } from '@anchorlink/core';
import type { EntityManager } from 'typeorm';
import { AssessmentCriterion, MaturityAssessment } from './entities/assessment.entity.js';
import {
  ChecklistItem,
  PackageStatus,
  ReplicationPackage,
  Rollout,
  RolloutItem,
  RolloutStatus,
} from './entities/replication-package.entity.js';

/**
 * Queries on replication packages, rollouts and assessments. A package and
 * its rollouts belong to the anchor; a supplier sees the rollouts made to it
 * and their packages. Spelled out here and again in the RLS policies.
 */
@Injectable()
export class ReplicationRepository {
  constructor(private readonly db: DatabaseGate) {}

  private em(ctx: RequestContext): Promise<EntityManager> {
    return this.db.manager(ctx);
  }

  async listPackages(ctx: RequestContext, status: PackageStatus | null): Promise<ReplicationPackage[]> {
    const em = await this.em(ctx);
    const qb = em
      .createQueryBuilder(ReplicationPackage, 'p')
      .where(`(p.owner_org_id = :me OR EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = p.id AND r.supplier_org_id = :me))`, {
        me: ctx.organizationId,
      })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC');
    if (status) qb.andWhere('p.status = :status', { status });
    return qb.getMany();
  }

  async findPackagesByIds(ctx: RequestContext, ids: readonly string[]): Promise<ReplicationPackage[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(ReplicationPackage, 'p')
      .where('p.id = ANY(:ids)', { ids })
      .andWhere(`(p.owner_org_id = :me OR EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = p.id AND r.supplier_org_id = :me))`, {
        me: ctx.organizationId,
      })
      .getMany();
  }

  async insertPackage(
    ctx: RequestContext,
    values: Pick<ReplicationPackage, 'title' | 'summary' | 'targetLevel' | 'requiredStandardVersionIds'>,
    checklist: Pick<ChecklistItem, 'title' | 'description' | 'evidenceRequired'>[],
  ): Promise<string> {
    const em = await this.em(ctx);
    const saved = await insertOne(em, ReplicationPackage, {
      ...values,
      ownerOrganizationId: ctx.organizationId,
      status: PackageStatus.DRAFT,
    });
    await em.query(
      `INSERT INTO checklist_items (package_id, owner_org_id, position, title, description, evidence_required)
       SELECT $1, $2, i.position, i.title, i.description, i.evidence_required
         FROM unnest($3::int[], $4::varchar[], $5::text[], $6::boolean[]) AS i(position, title, description, evidence_required)`,
      [
        saved.id,
        ctx.organizationId,
        checklist.map((_, i) => i + 1),
        checklist.map((c) => c.title),
        checklist.map((c) => c.description),
        checklist.map((c) => c.evidenceRequired),
      ],
    );
    return saved.id;
  }

  /** Moves the caller's package from one status to another; false when it was not in `from`. */
  async setPackageStatus(ctx: RequestContext, id: string, from: PackageStatus, to: PackageStatus): Promise<boolean> {
    const em = await this.em(ctx);
    const [, affected] = await em.query<[unknown, number]>(
      `UPDATE replication_packages SET status = $3::package_status, updated_at = now(),
              published_at = CASE WHEN $3::package_status = 'PUBLISHED' THEN now() ELSE published_at END
        WHERE id = $1 AND owner_org_id = $4 AND status = $2::package_status`,
      [id, from, to, ctx.organizationId],
    );
    return affected === 1;
  }

  async findItemsByPackageIds(ctx: RequestContext, packageIds: readonly string[]): Promise<ChecklistItem[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(ChecklistItem, 'c')
      .where('c.package_id = ANY(:packageIds)', { packageIds })
      .andWhere(
        `(c.owner_org_id = :me OR EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = c.package_id AND r.supplier_org_id = :me))`,
        { me: ctx.organizationId },
      )
      .orderBy('c.package_id')
      .addOrderBy('c.position', 'ASC')
      .getMany();
  }

  async findItemsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ChecklistItem[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(ChecklistItem, 'c')
      .where('c.id = ANY(:ids)', { ids })
      .andWhere(
        `(c.owner_org_id = :me OR EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = c.package_id AND r.supplier_org_id = :me))`,
        { me: ctx.organizationId },
      )
      .getMany();
  }

  async listRollouts(ctx: RequestContext, packageId: string | null, supplierId: string | null): Promise<Rollout[]> {
    const em = await this.em(ctx);
    const qb = em
      .createQueryBuilder(Rollout, 'r')
      .where('(r.anchor_org_id = :me OR r.supplier_org_id = :me)', { me: ctx.organizationId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (packageId) qb.andWhere('r.package_id = :packageId', { packageId });
    if (supplierId) qb.andWhere('r.supplier_org_id = :supplierId', { supplierId });
    return qb.getMany();
  }

  async findRollout(ctx: RequestContext, id: string, lock = false): Promise<Rollout | null> {
    const em = await this.em(ctx);
    // The lock in a statement of its own: TypeORM's setLock needs a transaction TypeORM started (DatabaseGate's is not).
    if (lock)
      await em.query(`SELECT 1 FROM rollouts WHERE id = $1 AND (anchor_org_id = $2 OR supplier_org_id = $2) FOR UPDATE`, [
        id,
        ctx.organizationId,
      ]);
    return em
      .createQueryBuilder(Rollout, 'r')
      .where('r.id = :id', { id })
      .andWhere('(r.anchor_org_id = :me OR r.supplier_org_id = :me)', { me: ctx.organizationId })
      .getOne();
  }

  async findRolloutsFor(ctx: RequestContext, packageId: string, supplierIds: string[]): Promise<Rollout[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(Rollout, 'r')
      .where('r.package_id = :packageId AND r.supplier_org_id = ANY(:supplierIds) AND r.anchor_org_id = :me', {
        packageId,
        supplierIds,
        me: ctx.organizationId,
      })
      .getMany();
  }

  /** Creates a rollout with one open item per checklist item; an existing one is left as it is. */
  async insertRollout(ctx: RequestContext, packageId: string, supplierId: string): Promise<void> {
    const em = await this.em(ctx);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO rollouts (package_id, anchor_org_id, supplier_org_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT rollouts_package_supplier_key DO NOTHING RETURNING id`,
      [packageId, ctx.organizationId, supplierId],
    );
    if (!rows.length) return;
    await em.query(
      `INSERT INTO rollout_items (rollout_id, item_id, anchor_org_id, supplier_org_id)
       SELECT $1, c.id, $2, $3 FROM checklist_items c WHERE c.package_id = $4 AND c.owner_org_id = $2`,
      [rows[0].id, ctx.organizationId, supplierId, packageId],
    );
  }

  async findRolloutItems(ctx: RequestContext, rolloutIds: readonly string[]): Promise<RolloutItem[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(RolloutItem, 'ri')
      .innerJoin(ChecklistItem, 'c', 'c.id = ri.item_id')
      .where('ri.rollout_id = ANY(:rolloutIds)', { rolloutIds })
      .andWhere('(ri.anchor_org_id = :me OR ri.supplier_org_id = :me)', { me: ctx.organizationId })
      .orderBy('ri.rollout_id')
      .addOrderBy('c.position', 'ASC')
      .getMany();
  }

  async updateRolloutItem(
    ctx: RequestContext,
    rolloutId: string,
    itemId: string,
    done: boolean,
    evidence: string | null,
  ): Promise<boolean> {
    const em = await this.em(ctx);
    const [, affected] = await em.query<[unknown, number]>(
      `UPDATE rollout_items SET done = $3, evidence = $4, completed_at = CASE WHEN $3 THEN now() END
        WHERE rollout_id = $1 AND item_id = $2 AND supplier_org_id = $5`,
      [rolloutId, itemId, done, evidence, ctx.organizationId],
    );
    return affected === 1;
  }

  async setRolloutStatus(ctx: RequestContext, id: string, status: RolloutStatus): Promise<void> {
    const em = await this.em(ctx);
    await em.query(
      `UPDATE rollouts SET status = $2::rollout_status,
              started_at = COALESCE(started_at, CASE WHEN $2::rollout_status <> 'NOT_STARTED' THEN now() END),
              completed_at = CASE WHEN $2::rollout_status = 'COMPLETED' THEN now() END
        WHERE id = $1 AND supplier_org_id = $3`,
      [id, status, ctx.organizationId],
    );
  }

  async countRollouts(ctx: RequestContext): Promise<{ active: number; completed: number }> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ active: number; completed: number }[]>(
      `SELECT (count(*) FILTER (WHERE status <> 'COMPLETED'))::int AS active, (count(*) FILTER (WHERE status = 'COMPLETED'))::int AS completed
         FROM rollouts WHERE anchor_org_id = $1`,
      [ctx.organizationId],
    );
    return row;
  }

  // ---------------------------------------------------------------- assessments

  async criteria(ctx: RequestContext): Promise<AssessmentCriterion[]> {
    const em = await this.em(ctx);
    return em.createQueryBuilder(AssessmentCriterion, 'c').orderBy('c.position', 'ASC').getMany();
  }

  async insertAssessment(
    ctx: RequestContext,
    values: Pick<MaturityAssessment, 'level' | 'scenarioCount' | 'aiScenarioCount' | 'maturityLevel' | 'answers' | 'gaps'>,
  ): Promise<MaturityAssessment> {
    const em = await this.em(ctx);
    const assessment = await insertOne(em, MaturityAssessment, {
      ...values,
      organizationId: ctx.organizationId,
      submittedById: ctx.userId,
    });
    await em.query(`UPDATE organizations SET gradient_level = $2, updated_at = now() WHERE id = $1`, [ctx.organizationId, values.level]);
    return assessment;
  }

  /** The organization's own assessments, or (for an anchor) those of one of its suppliers; newest first. */
  async assessments(ctx: RequestContext, organizationId: string): Promise<MaturityAssessment[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(MaturityAssessment, 'a')
      .where('a.org_id = :organizationId', { organizationId })
      .andWhere(`(a.org_id = :me OR EXISTS (SELECT 1 FROM partnerships p WHERE p.anchor_org_id = :me AND p.supplier_org_id = a.org_id))`, {
        me: ctx.organizationId,
      })
      .orderBy('a.submitted_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany();
  }

  /** Active suppliers of the calling anchor by their current level (null: never assessed). */
  async suppliersByLevel(ctx: RequestContext): Promise<{ level: GradientLevel | null; count: number }[]> {
    const em = await this.em(ctx);
    return em.query(
      `SELECT o.gradient_level AS level, count(*)::int AS count
         FROM partnerships p JOIN organizations o ON o.id = p.supplier_org_id
        WHERE p.anchor_org_id = $1 AND p.status = 'ACTIVE'
        GROUP BY o.gradient_level`,
      [ctx.organizationId],
    );
  }

  async openOrders(ctx: RequestContext): Promise<number> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM purchase_orders
        WHERE anchor_org_id = $1 AND status IN ('PUBLISHED', 'CHANGE_PROPOSED', 'CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'RECEIVED')`,
      [ctx.organizationId],
    );
    return row.n;
  }
}
