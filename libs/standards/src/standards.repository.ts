import { Injectable } from '@nestjs/common';
import { businessToday, DatabaseGate, insertOne, type RequestContext } from '@anchorlink/core';
import type { SelectQueryBuilder } from 'typeorm';
import { StandardStatus } from './dto/standard.types.js';
import { Adoption } from './entities/adoption.entity.js';
import { DataStandard } from './entities/data-standard.entity.js';
import { StandardVersion } from './entities/standard-version.entity.js';

/**
 * Queries on standards. Everybody signed in reads standards and their
 * non-draft versions; drafts (and standards with nothing but drafts) are the
 * owner's alone. Spelled out here, and again in the RLS policies.
 */
@Injectable()
export class StandardsRepository {
  constructor(private readonly db: DatabaseGate) {}

  private visibleStandards(qb: SelectQueryBuilder<DataStandard>, ctx: RequestContext): SelectQueryBuilder<DataStandard> {
    return qb.andWhere(
      `(s.owner_org_id = :me OR EXISTS (SELECT 1 FROM standard_versions vv WHERE vv.standard_id = s.id AND vv.status <> 'DRAFT'))`,
      { me: ctx.organizationId },
    );
  }

  private visibleVersions(qb: SelectQueryBuilder<StandardVersion>, ctx: RequestContext): SelectQueryBuilder<StandardVersion> {
    return qb.andWhere(`(v.owner_org_id = :me OR v.status <> 'DRAFT')`, { me: ctx.organizationId });
  }

  async listStandards(ctx: RequestContext, status: StandardStatus | null): Promise<DataStandard[]> {
    const em = await this.db.manager(ctx);
    const qb = this.visibleStandards(em.createQueryBuilder(DataStandard, 's').where('true'), ctx).orderBy('s.code', 'ASC');
    if (status) {
      const condition = {
        [StandardStatus.DRAFT]: `v.status = 'DRAFT' AND v.owner_org_id = :me`,
        [StandardStatus.PUBLISHED]: `v.status = 'PUBLISHED'`,
        [StandardStatus.DEPRECATED]: `v.status = 'DEPRECATED' AND v.sunset_date >= :today`,
        [StandardStatus.RETIRED]: `(v.status = 'RETIRED' OR (v.status = 'DEPRECATED' AND v.sunset_date < :today))`,
      }[status];
      qb.andWhere(`EXISTS (SELECT 1 FROM standard_versions v WHERE v.standard_id = s.id AND ${condition})`, {
        today: businessToday(),
        me: ctx.organizationId,
      });
    }
    return qb.getMany();
  }

  async findStandardByCode(ctx: RequestContext, code: string): Promise<DataStandard | null> {
    const em = await this.db.manager(ctx);
    return this.visibleStandards(em.createQueryBuilder(DataStandard, 's').where('s.code = :code', { code }), ctx).getOne();
  }

  async findStandardsByIds(ctx: RequestContext, ids: readonly string[]): Promise<DataStandard[]> {
    const em = await this.db.manager(ctx);
    return this.visibleStandards(em.createQueryBuilder(DataStandard, 's').where('s.id = ANY(:ids)', { ids }), ctx).getMany();
  }

  async insertStandard(
    ctx: RequestContext,
    values: Pick<DataStandard, 'ownerOrganizationId' | 'code' | 'name' | 'description' | 'kind'>,
  ): Promise<DataStandard> {
    return insertOne(await this.db.manager(ctx), DataStandard, values);
  }

  /** Visible versions of these standards, newest version first. */
  async findVersionsByStandardIds(ctx: RequestContext, standardIds: readonly string[]): Promise<StandardVersion[]> {
    const em = await this.db.manager(ctx);
    return this.visibleVersions(
      em.createQueryBuilder(StandardVersion, 'v').where('v.standard_id = ANY(:standardIds)', { standardIds }),
      ctx,
    )
      .orderBy('v.major', 'DESC')
      .addOrderBy('v.minor', 'DESC')
      .addOrderBy('v.patch', 'DESC')
      .getMany();
  }

  async findVersionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<StandardVersion[]> {
    const em = await this.db.manager(ctx);
    return this.visibleVersions(em.createQueryBuilder(StandardVersion, 'v').where('v.id = ANY(:ids)', { ids }), ctx).getMany();
  }

  /** Locks the version row: publishing and editing the same draft do not interleave. */
  async findVersionForUpdate(ctx: RequestContext, id: string): Promise<StandardVersion | null> {
    const em = await this.db.manager(ctx);
    // The lock in a statement of its own: TypeORM's setLock needs a transaction TypeORM started (DatabaseGate's is not).
    await em.query(`SELECT 1 FROM standard_versions v WHERE v.id = $1 AND (v.owner_org_id = $2 OR v.status <> 'DRAFT') FOR UPDATE`, [
      id,
      ctx.organizationId,
    ]);
    return this.visibleVersions(em.createQueryBuilder(StandardVersion, 'v').where('v.id = :id', { id }), ctx).getOne();
  }

  async findVersion(ctx: RequestContext, standardId: string, version: string): Promise<StandardVersion | null> {
    const em = await this.db.manager(ctx);
    return this.visibleVersions(
      em.createQueryBuilder(StandardVersion, 'v').where('v.standard_id = :standardId AND v.version = :version', { standardId, version }),
      ctx,
    ).getOne();
  }

  /** The highest non-draft version of a standard, other than `exceptId`. */
  async findLatestReleased(ctx: RequestContext, standardId: string, exceptId?: string): Promise<StandardVersion | null> {
    const em = await this.db.manager(ctx);
    const qb = em
      .createQueryBuilder(StandardVersion, 'v')
      .where(`v.standard_id = :standardId AND v.status <> 'DRAFT'`, { standardId })
      .orderBy('v.major', 'DESC')
      .addOrderBy('v.minor', 'DESC')
      .addOrderBy('v.patch', 'DESC')
      .limit(1);
    if (exceptId) qb.andWhere('v.id <> :exceptId', { exceptId });
    return qb.getOne();
  }

  async insertVersion(
    ctx: RequestContext,
    values: Pick<
      StandardVersion,
      'standardId' | 'ownerOrganizationId' | 'version' | 'major' | 'minor' | 'patch' | 'changeSummary' | 'codes' | 'fields'
    >,
  ): Promise<StandardVersion> {
    return insertOne(await this.db.manager(ctx), StandardVersion, { ...values, status: StandardStatus.DRAFT });
  }

  /** Changes a draft; a version that is not (or no longer) a draft is left alone and false returned. */
  async updateDraft(
    ctx: RequestContext,
    id: string,
    values: Pick<StandardVersion, 'version' | 'major' | 'minor' | 'patch' | 'changeSummary' | 'codes' | 'fields'>,
  ): Promise<boolean> {
    const em = await this.db.manager(ctx);
    const result = await em
      .createQueryBuilder()
      .update(StandardVersion)
      .set(values)
      .where(`id = :id AND status = 'DRAFT' AND owner_org_id = :me`, { id, me: ctx.organizationId })
      .execute();
    return result.affected === 1;
  }

  async deleteDraft(ctx: RequestContext, id: string): Promise<boolean> {
    const em = await this.db.manager(ctx);
    const result = await em
      .createQueryBuilder()
      .delete()
      .from(StandardVersion)
      .where(`id = :id AND status = 'DRAFT' AND owner_org_id = :me`, { id, me: ctx.organizationId })
      .execute();
    return result.affected === 1;
  }

  async setStatus(
    ctx: RequestContext,
    id: string,
    from: StandardStatus,
    values: Partial<Pick<StandardVersion, 'status' | 'publishedAt' | 'sunsetDate' | 'compatibility'>>,
  ): Promise<boolean> {
    const em = await this.db.manager(ctx);
    const result = await em
      .createQueryBuilder()
      .update(StandardVersion)
      .set(values)
      .where(`id = :id AND status = :from AND owner_org_id = :me`, { id, from, me: ctx.organizationId })
      .execute();
    return result.affected === 1;
  }

  async findCurrentAdoptions(ctx: RequestContext, organizationId: string): Promise<Adoption[]> {
    const em = await this.db.manager(ctx);
    return em
      .createQueryBuilder(Adoption, 'a')
      .where('a.org_id = :organizationId AND a.replaced_at IS NULL', { organizationId })
      .orderBy('a.adopted_at', 'ASC')
      .getMany();
  }

  async findCurrentAdoption(ctx: RequestContext, organizationId: string, standardId: string): Promise<Adoption | null> {
    const em = await this.db.manager(ctx);
    return em
      .createQueryBuilder(Adoption, 'a')
      .where('a.org_id = :organizationId AND a.standard_id = :standardId AND a.replaced_at IS NULL', { organizationId, standardId })
      .getOne();
  }

  /** Replaces the organization's current adoption of the standard (kept as history) with a new one. */
  async adopt(ctx: RequestContext, standardId: string, standardVersionId: string): Promise<Adoption> {
    const em = await this.db.manager(ctx);
    await em.query(`UPDATE adoptions SET replaced_at = now() WHERE org_id = $1 AND standard_id = $2 AND replaced_at IS NULL`, [
      ctx.organizationId,
      standardId,
    ]);
    return insertOne(em, Adoption, { organizationId: ctx.organizationId, standardId, standardVersionId });
  }

  async countAdoptions(ctx: RequestContext, versionIds: readonly string[]): Promise<Map<string, number>> {
    const em = await this.db.manager(ctx);
    const rows: { id: string; n: number }[] = await em.query(
      `SELECT standard_version_id AS id, count(*)::int AS n FROM adoptions
        WHERE standard_version_id = ANY($1) AND replaced_at IS NULL GROUP BY standard_version_id`,
      [versionIds],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }
}
