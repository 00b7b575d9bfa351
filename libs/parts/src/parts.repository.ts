import { Injectable } from '@nestjs/common';
import { type TotalCount, DatabaseGate, insertOne, type RequestContext } from '@anchorlink/core';
import type { SelectQueryBuilder } from 'typeorm';
import { Part } from './entities/part.entity.js';
import { SupplierPart } from './entities/supplier-part.entity.js';

export interface PartListQuery {
  search: string | null;
  /** Only parts mapped to this supplier. */
  supplierId: string | null;
  after: [string, string] | null;
  limit: number;
}

/**
 * Queries on parts. An anchor sees its own parts; a supplier sees the parts
 * mapped to it. Both rules are spelled out here and again in the RLS policies.
 */
@Injectable()
export class PartsRepository {
  constructor(private readonly db: DatabaseGate) {}

  async list(ctx: RequestContext, query: PartListQuery): Promise<{ rows: Part[]; totalCount: TotalCount }> {
    const em = await this.db.manager(ctx);
    const filtered = () => {
      const qb = this.visible(em.createQueryBuilder(Part, 'p'), ctx);
      if (query.search) {
        const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        qb.andWhere(
          `(p.part_number ILIKE :pattern OR p.description ILIKE :pattern OR EXISTS (
              SELECT 1 FROM supplier_parts sps
               WHERE sps.part_id = p.id AND sps.supplier_part_number ILIKE :pattern
                 AND (sps.anchor_org_id = :me OR sps.supplier_org_id = :me)))`,
          { pattern },
        );
      }
      if (query.supplierId) {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM supplier_parts m WHERE m.part_id = p.id AND m.supplier_org_id = :supplierId
              AND (m.anchor_org_id = :me OR m.supplier_org_id = :me))`,
          { supplierId: query.supplierId },
        );
      }
      return qb;
    };
    const page = filtered()
      .orderBy('p.part_number', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(query.limit + 1);
    if (query.after) {
      page.andWhere('(p.part_number, p.id) > (:afterNumber, :afterId)', {
        afterNumber: query.after[0],
        afterId: query.after[1],
      });
    }
    // Counted only if the client asks for totalCount.
    return { rows: await page.getMany(), totalCount: () => filtered().getCount() };
  }

  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<Part[]> {
    const em = await this.db.manager(ctx);
    return this.visible(em.createQueryBuilder(Part, 'p'), ctx).andWhere('p.id = ANY(:ids)', { ids }).getMany();
  }

  async findOwn(ctx: RequestContext, id: string): Promise<Part | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(Part, { where: { id, anchorOrganizationId: ctx.organizationId } });
  }

  async insert(
    ctx: RequestContext,
    values: Pick<Part, 'anchorOrganizationId' | 'partNumber' | 'description' | 'uom' | 'attributes'>,
  ): Promise<Part> {
    const em = await this.db.manager(ctx);
    return insertOne(em, Part, values);
  }

  /** Mappings of these parts the caller may see: all of them for the anchor, its own for a supplier. */
  async findMappingsByPartIds(ctx: RequestContext, partIds: readonly string[]): Promise<SupplierPart[]> {
    const em = await this.db.manager(ctx);
    return em
      .createQueryBuilder(SupplierPart, 'sp')
      .where('sp.part_id = ANY(:partIds)', { partIds })
      .andWhere('(sp.anchor_org_id = :me OR sp.supplier_org_id = :me)', { me: ctx.organizationId })
      .orderBy('sp.created_at', 'ASC')
      .addOrderBy('sp.id', 'ASC')
      .getMany();
  }

  /** One mapping per part and supplier: mapping again replaces the number and lead time. */
  async upsertMapping(
    ctx: RequestContext,
    values: Pick<SupplierPart, 'partId' | 'anchorOrganizationId' | 'supplierOrganizationId' | 'supplierPartNumber' | 'leadTimeDays'>,
  ): Promise<void> {
    const em = await this.db.manager(ctx);
    await em.query(
      `INSERT INTO supplier_parts (part_id, anchor_org_id, supplier_org_id, supplier_part_number, lead_time_days)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT supplier_parts_part_supplier_key DO UPDATE
         SET supplier_part_number = EXCLUDED.supplier_part_number,
             lead_time_days = EXCLUDED.lead_time_days,
             updated_at = now()
         WHERE supplier_parts.anchor_org_id = $2`,
      [values.partId, values.anchorOrganizationId, values.supplierOrganizationId, values.supplierPartNumber, values.leadTimeDays],
    );
  }

  /** The caller's (anchor's) parts with their mapping to one supplier (null when not mapped). */
  async findOwnWithMapping(
    ctx: RequestContext,
    partIds: readonly string[],
    supplierOrganizationId: string,
  ): Promise<{ part: Part; mapped: boolean; supplierPartNumber: string | null }[]> {
    const em = await this.db.manager(ctx);
    const { entities, raw } = await em
      .createQueryBuilder(Part, 'p')
      .leftJoin(SupplierPart, 'sp', 'sp.part_id = p.id AND sp.supplier_org_id = :supplier', { supplier: supplierOrganizationId })
      .addSelect('sp.supplier_part_number', 'mapped_number')
      .addSelect('sp.id', 'mapping_id')
      .where('p.id = ANY(:partIds) AND p.anchor_org_id = :me', { partIds, me: ctx.organizationId })
      .getRawAndEntities<{ p_id: string; mapped_number: string | null; mapping_id: string | null }>();
    const rows = new Map(raw.map((r) => [r.p_id, r]));
    return entities.map((part) => {
      const row = rows.get(part.id);
      return { part, mapped: Boolean(row?.mapping_id), supplierPartNumber: row?.mapping_id ? row.mapped_number : null };
    });
  }

  private visible(qb: SelectQueryBuilder<Part>, ctx: RequestContext): SelectQueryBuilder<Part> {
    return qb.where(
      `(p.anchor_org_id = :me OR EXISTS (
          SELECT 1 FROM supplier_parts spv WHERE spv.part_id = p.id AND spv.supplier_org_id = :me))`,
      { me: ctx.organizationId },
    );
  }
}
