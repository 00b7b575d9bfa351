import { Injectable } from '@nestjs/common';
import {
  AuditService,
  BadUserInputError,
  ConflictError,
  DataStandardsPort,
  decodeCursor,
  Errors,
  groupByKeys,
  byKeys,
  intInRange,
  isUuid,
  isUniqueViolation,
  type Page,
  pageSize,
  type RequestContext,
  requestLoader,
  LoaderSlot,
  requiredText,
  requireId,
  toPage,
} from '@anchorlink/core';
import { PartnershipsService } from '@anchorlink/identity';
import type DataLoader from 'dataloader';
import type { PartInput, SupplierPartInput } from './dto/part.inputs.js';
import type { Part } from './entities/part.entity.js';
import type { SupplierPart } from './entities/supplier-part.entity.js';
import { PartsRepository } from './parts.repository.js';

const MAX_ATTRIBUTES_BYTES = 16_384;

// Per-request loaders (RequestScope slots).
const PART_BY_ID = new LoaderSlot<string, Part | null>('parts.byId');
const MAPPINGS_BY_PART = new LoaderSlot<string, SupplierPart[]>('parts.mappingsByPartId');

@Injectable()
export class PartsService {
  constructor(
    private readonly parts: PartsRepository,
    private readonly partnerships: PartnershipsService,
    private readonly standards: DataStandardsPort,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: RequestContext,
    search: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    supplierId?: string | null,
  ): Promise<Page<Part>> {
    const size = pageSize(ctx, first);
    const cursor = decodeCursor(ctx, after, ['text', 'uuid']);
    const term = search?.trim() ? search.trim().slice(0, 200) : null;
    // An id that is not a UUID matches nothing, exactly like a supplier of another anchor.
    const supplier =
      supplierId === null || supplierId === undefined ? null : isUuid(supplierId) ? supplierId : '00000000-0000-0000-0000-000000000000';
    const { rows, totalCount } = await this.parts.list(ctx, { search: term, supplierId: supplier, after: cursor, limit: size });
    return toPage(rows, size, totalCount, (p) => [p.partNumber, p.id]);
  }

  async get(ctx: RequestContext, id: string): Promise<Part> {
    const part = await this.loader(ctx).load(requireId(ctx, id, 'entity.part'));
    if (!part) throw Errors.notFound(ctx, 'entity.part');
    return part;
  }

  /** A new part of the caller's (anchor's) part master, checked against the adopted standards. */
  async create(ctx: RequestContext, input: PartInput): Promise<Part> {
    const partNumber = requiredText(ctx, input.partNumber, 'partNumber', 64);
    const description = requiredText(ctx, input.description, 'description', 500);
    const uom = requiredText(ctx, input.uom, 'uom', 16);
    const attributes = this.attributes(ctx, input.attributes);
    const violations = [
      ...(await this.standards.checkCode(ctx, ctx.organizationId, 'UOM', uom, 'uom')),
      ...(await this.standards.checkRecord(ctx, ctx.organizationId, 'PART-MASTER', attributes, 'attributes')),
    ];
    if (violations.length) throw Errors.validationFailed(ctx, violations);
    let part: Part;
    try {
      part = await this.parts.insert(ctx, { anchorOrganizationId: ctx.organizationId, partNumber, description, uom, attributes });
    } catch (error) {
      if (isUniqueViolation(error, 'parts_anchor_part_number_key')) {
        throw new ConflictError(ctx.t('part.duplicateNumber', { partNumber }));
      }
      throw error;
    }
    await this.audit.record(ctx, {
      action: 'part.created',
      entityType: 'Part',
      entityId: part.id,
      details: { partNumber, description, uom, attributes },
    });
    return part;
  }

  /** Maps (or re-maps) a part of the caller to a partner supplier's own part number. */
  async mapSupplierPart(ctx: RequestContext, input: SupplierPartInput): Promise<Part> {
    const part = await this.parts.findOwn(ctx, requireId(ctx, input.partId, 'entity.part'));
    if (!part) throw Errors.notFound(ctx, 'entity.part');
    const supplierId = requireId(ctx, input.supplierId, 'entity.supplier');
    if (!(await this.partnerships.findWithSupplier(ctx, supplierId))) throw Errors.notFound(ctx, 'entity.supplier');
    const supplierPartNumber = requiredText(ctx, input.supplierPartNumber, 'supplierPartNumber', 64);
    const leadTimeDays =
      input.leadTimeDays === null || input.leadTimeDays === undefined ? null : intInRange(ctx, input.leadTimeDays, 'leadTimeDays', 0, 3650);
    try {
      await this.parts.upsertMapping(ctx, {
        partId: part.id,
        anchorOrganizationId: ctx.organizationId,
        supplierOrganizationId: supplierId,
        supplierPartNumber,
        leadTimeDays,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'supplier_parts_supplier_number_key')) {
        throw new ConflictError(ctx.t('part.duplicateSupplierNumber', { supplierPartNumber }));
      }
      throw error;
    }
    await this.audit.record(ctx, {
      action: 'part.supplier_mapped',
      entityType: 'Part',
      entityId: part.id,
      details: { supplierId, supplierPartNumber, leadTimeDays },
    });
    return part;
  }

  /**
   * The caller's parts by id, each with the supplier's mapping: `mapped` is
   * false when the part is not mapped to that supplier. Ids not found are absent.
   */
  async ownWithMapping(
    ctx: RequestContext,
    partIds: readonly string[],
    supplierOrganizationId: string,
  ): Promise<Map<string, { part: Part; mapped: boolean; supplierPartNumber: string | null }>> {
    const rows = await this.parts.findOwnWithMapping(ctx, partIds, supplierOrganizationId);
    return new Map(rows.map((r) => [r.part.id, r]));
  }

  loader(ctx: RequestContext): DataLoader<string, Part | null> {
    return requestLoader(ctx, PART_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.parts.findVisibleByIds(ctx, ids), (p) => p.id),
    );
  }

  mappingsLoader(ctx: RequestContext): DataLoader<string, SupplierPart[]> {
    return requestLoader(ctx, MAPPINGS_BY_PART, async (partIds: readonly string[]) =>
      groupByKeys(partIds, await this.parts.findMappingsByPartIds(ctx, partIds), (m) => m.partId),
    );
  }

  private attributes(ctx: RequestContext, value: unknown): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new BadUserInputError(ctx.t('field.notObject', { field: 'attributes' }), { field: 'attributes' });
    }
    if (JSON.stringify(value).length > MAX_ATTRIBUTES_BYTES) {
      throw new BadUserInputError(ctx.t('field.tooLong', { field: 'attributes', max: MAX_ATTRIBUTES_BYTES }), {
        field: 'attributes',
      });
    }
    return value as Record<string, unknown>;
  }
}
