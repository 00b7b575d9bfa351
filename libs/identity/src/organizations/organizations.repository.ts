import { Injectable } from '@nestjs/common';
import { DatabaseGate, idsCondition, insertOne, preparedQuery, type RequestContext, rowMapper, type RowMapper } from '@anchorlink/core';
import { Organization } from '../entities/organization.entity.js';

/**
 * Queries on organizations. An organization sees itself, its partners and the
 * alliances; the queries say so explicitly and the RLS policy says it again.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: DatabaseGate) {}

  private mapper?: RowMapper<Organization>;

  /** Read for nearly every list (an order's anchor and supplier): raw SQL with a row mapper, as a prepared statement. */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<Organization[]> {
    if (!ids.length) return [];
    const em = await this.db.manager(ctx);
    const o = (this.mapper ??= rowMapper(em.connection.getMetadata(Organization), 'o'));
    const [where, param] = idsCondition('o.id', '$2', ids);
    const rows = await preparedQuery(
      await this.db.sql(ctx),
      'organizations.byIds',
      `SELECT ${o.select} FROM organizations o
        WHERE ${where}
          AND (o.id = $1 OR o.kind = 'ALLIANCE' OR EXISTS (
            SELECT 1 FROM partnerships p
             WHERE (p.anchor_org_id = $1 AND p.supplier_org_id = o.id)
                OR (p.supplier_org_id = $1 AND p.anchor_org_id = o.id)))`,
      [ctx.organizationId, param],
    );
    return rows.map(o.map);
  }

  async findVisibleById(ctx: RequestContext, id: string): Promise<Organization | null> {
    const [organization] = await this.findVisibleByIds(ctx, [id]);
    return organization ?? null;
  }

  /** Needs the `app.auth_credit_code` window (accepting an invitation). */
  async findByCreditCode(ctx: RequestContext, creditCode: string): Promise<Organization | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(Organization, { where: { creditCode } });
  }

  /** The organization a sign-in flow acts as (the setting app.org_id names it). */
  async findCurrent(ctx: RequestContext, id: string): Promise<Organization | null> {
    const em = await this.db.manager(ctx);
    return em.createQueryBuilder(Organization, 'o').where('o.id = :id AND o.id = app_current_org()', { id }).getOne();
  }

  async insert(ctx: RequestContext, values: Pick<Organization, 'id' | 'name' | 'kind' | 'creditCode'>): Promise<Organization> {
    const em = await this.db.manager(ctx);
    return insertOne(em, Organization, values);
  }
}
