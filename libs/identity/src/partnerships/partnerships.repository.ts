import { Injectable } from '@nestjs/common';
import { DatabaseGate, insertOne, type RequestContext } from '@anchorlink/core';
import { Partnership, PartnershipStatus } from '../entities/partnership.entity.js';

@Injectable()
export class PartnershipsRepository {
  constructor(private readonly db: DatabaseGate) {}

  /** The partnerships the organization is a party of (either side). */
  async listForOrganization(ctx: RequestContext, organizationId: string, status?: PartnershipStatus | null): Promise<Partnership[]> {
    const em = await this.db.manager(ctx);
    const qb = em
      .createQueryBuilder(Partnership, 'p')
      .where('(p.anchor_org_id = :org OR p.supplier_org_id = :org)', { org: organizationId })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (status) qb.andWhere('p.status = :status', { status });
    return qb.getMany();
  }

  async findForParty(ctx: RequestContext, id: string, organizationId: string): Promise<Partnership | null> {
    const em = await this.db.manager(ctx);
    return em
      .createQueryBuilder(Partnership, 'p')
      .where('p.id = :id', { id })
      .andWhere('(p.anchor_org_id = :org OR p.supplier_org_id = :org)', { org: organizationId })
      .getOne();
  }

  async findBetween(ctx: RequestContext, anchorOrganizationId: string, supplierOrganizationId: string): Promise<Partnership | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(Partnership, { where: { anchorOrganizationId, supplierOrganizationId } });
  }

  async insert(
    ctx: RequestContext,
    values: Pick<Partnership, 'anchorOrganizationId' | 'supplierOrganizationId' | 'status' | 'supplierCode' | 'activatedAt'>,
  ): Promise<Partnership> {
    const em = await this.db.manager(ctx);
    return insertOne(em, Partnership, values);
  }

  /** Sets the status (and supplier code); the first activation is remembered in activated_at. */
  async updateStatus(
    ctx: RequestContext,
    partnership: Partnership,
    status: PartnershipStatus,
    supplierCode: string | null = partnership.supplierCode,
  ): Promise<Partnership> {
    const em = await this.db.manager(ctx);
    await em
      .createQueryBuilder()
      .update(Partnership)
      .set({
        status,
        supplierCode,
        activatedAt: () => (status === PartnershipStatus.ACTIVE ? 'COALESCE(activated_at, now())' : 'activated_at'),
      })
      .where('id = :id', { id: partnership.id })
      // Sign-in flows act as an organization before the context knows it: app_current_org() is the truth here.
      .andWhere('(anchor_org_id = app_current_org() OR supplier_org_id = app_current_org())')
      .execute();
    return em.findOneOrFail(Partnership, { where: { id: partnership.id } });
  }
}
