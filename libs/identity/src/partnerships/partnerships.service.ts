import { PARTNERSHIP_LIFECYCLE, PartnershipAction, partnershipActions } from '../identity-lifecycles.js';
import { Injectable } from '@nestjs/common';
import { AuditService, BadUserInputError, Errors, type RequestContext, requireId } from '@anchorlink/core';
import { Partnership, PartnershipStatus } from '../entities/partnership.entity.js';
import { PartnershipsRepository } from './partnerships.repository.js';

/** Status changes an anchor may make. INVITED is where a partnership starts, never where it goes back to. */
const SETTABLE: ReadonlySet<PartnershipStatus> = new Set([PartnershipStatus.ACTIVE, PartnershipStatus.SUSPENDED]);

@Injectable()
export class PartnershipsService {
  constructor(
    private readonly partnerships: PartnershipsRepository,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext, status?: PartnershipStatus | null): Promise<Partnership[]> {
    return this.partnerships.listForOrganization(ctx, ctx.organizationId, status);
  }

  /**
   * The anchor suspends or re-activates a supplier. A suspended supplier keeps
   * reading past orders and forecasts but receives no new ones.
   */
  async setStatus(ctx: RequestContext, id: string, status: PartnershipStatus): Promise<Partnership> {
    const partnership = await this.partnerships.findForParty(ctx, requireId(ctx, id, 'entity.partnership'), ctx.organizationId);
    if (!partnership || partnership.anchorOrganizationId !== ctx.organizationId) {
      throw Errors.notFound(ctx, 'entity.partnership');
    }
    if (!SETTABLE.has(status)) {
      throw new BadUserInputError(ctx.t('partnership.statusNotSettable'), { field: 'status' });
    }
    if (partnership.status === status) return partnership;
    PARTNERSHIP_LIFECYCLE.assertAction(
      ctx,
      status === PartnershipStatus.SUSPENDED ? PartnershipAction.SUSPEND : PartnershipAction.ACTIVATE,
      partnership.status,
    );
    PARTNERSHIP_LIFECYCLE.assertTransition(ctx, partnership.status, status);
    const before = partnership.status;
    const updated = await this.partnerships.updateStatus(ctx, partnership, status);
    await this.audit.record(ctx, {
      action: 'partnership.status_changed',
      entityType: 'Partnership',
      entityId: partnership.id,
      details: { supplierId: partnership.supplierOrganizationId, status: { before, after: status } },
    });
    return updated;
  }

  /** What the caller may do next with a partnership (the portal's buttons). */
  availableActions(ctx: RequestContext, partnership: Partnership): PartnershipAction[] {
    return partnershipActions(ctx, partnership);
  }

  /** The partnership orders and forecasts need: ACTIVE, between the caller (anchor) and the supplier. */
  async requireActive(ctx: RequestContext, supplierOrganizationId: string): Promise<Partnership> {
    const partnership = await this.partnerships.findBetween(ctx, ctx.organizationId, supplierOrganizationId);
    if (!partnership) throw Errors.notFound(ctx, 'entity.supplier');
    if (partnership.status !== PartnershipStatus.ACTIVE) {
      throw new BadUserInputError(ctx.t('partnership.notActive'), { field: 'supplierId' });
    }
    return partnership;
  }

  /** Any partnership (also suspended) between the caller (anchor) and the supplier. */
  async findWithSupplier(ctx: RequestContext, supplierOrganizationId: string): Promise<Partnership | null> {
    return this.partnerships.findBetween(ctx, ctx.organizationId, supplierOrganizationId);
  }
}
