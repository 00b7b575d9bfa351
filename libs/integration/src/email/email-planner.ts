import { Injectable } from '@nestjs/common';
import { DatabaseGate, isLocale, type Locale } from '@anchorlink/core';
import { dataText, type EmailTemplate } from './email-templates.js';

export interface PlannedEmail {
  /** The organization the delivery row belongs to (the recipient's; the inviting anchor's for an invitation). */
  organizationId: string;
  recipient: string;
  locale: Locale;
  template: EmailTemplate;
}

export interface OutboxRow {
  id: string;
  type: string;
  organization_ids: string[] | null;
  data: Record<string, unknown>;
}

/**
 * Who is e-mailed about what: the invitee about an invitation, the supplier's
 * sales staff about a published, revised or cancelled order, the buyer about
 * a change proposal.
 */
@Injectable()
export class EmailPlanner {
  constructor(private readonly gate: DatabaseGate) {}

  async plan(event: OutboxRow): Promise<PlannedEmail[]> {
    const field = (key: string) => dataText(event.data, key);
    switch (event.type) {
      case 'invitation.created':
        return [{ organizationId: event.organization_ids![0], recipient: field('email'), locale: 'zh-CN', template: 'invitation' }];
      case 'order.published':
        return this.supplierStaff(field('supplierId'), 'order_published');
      case 'order.revised':
        return this.supplierStaff(field('supplierId'), 'order_revised');
      case 'order.cancelled':
        // A draft cancelled before publishing was never the supplier's business.
        return event.organization_ids?.includes(field('supplierId')) ? this.supplierStaff(field('supplierId'), 'order_cancelled') : [];
      case 'order.responded':
        return event.data.changeProposed === true ? this.buyer(field('anchorId'), field('purchaseOrderId')) : [];
      default:
        return [];
    }
  }

  private supplierStaff(supplierId: string, template: EmailTemplate): Promise<PlannedEmail[]> {
    return this.gate.runForOrganization(supplierId, async (em) => {
      const rows = await em.query<{ email: string; locale: string }[]>(
        `SELECT email, locale FROM users WHERE org_id = $1 AND roles && ARRAY['SUPPLIER_SALES', 'ORG_ADMIN']::role[] ORDER BY email`,
        [supplierId],
      );
      return rows.map((r) => ({
        organizationId: supplierId,
        recipient: r.email,
        locale: isLocale(r.locale) ? r.locale : 'zh-CN',
        template,
      }));
    });
  }

  /** The buyer who created the order; the anchor's procurement staff when that account is gone. */
  private buyer(anchorId: string, orderId: string): Promise<PlannedEmail[]> {
    return this.gate.runForOrganization(anchorId, async (em) => {
      let rows = await em.query<{ email: string; locale: string }[]>(
        `SELECT u.email, u.locale FROM purchase_orders o JOIN users u ON u.id = o.created_by AND u.org_id = o.anchor_org_id
          WHERE o.id = $1 AND o.anchor_org_id = $2`,
        [orderId, anchorId],
      );
      if (rows.length === 0) {
        rows = await em.query(`SELECT email, locale FROM users WHERE org_id = $1 AND 'PROCUREMENT' = ANY (roles) ORDER BY email`, [
          anchorId,
        ]);
      }
      return rows.map((r) => ({
        organizationId: anchorId,
        recipient: r.email,
        locale: isLocale(r.locale) ? r.locale : 'zh-CN',
        template: 'order_change_proposed' as const,
      }));
    });
  }
}
