import { type Locale, type MessageKey, t } from '@anchorlink/core';

export type EmailTemplate = 'invitation' | 'order_published' | 'order_change_proposed' | 'order_revised' | 'order_cancelled';

export interface RenderedEmail {
  subject: string;
  text: string;
}

interface TemplateInput {
  data: Record<string, unknown> & { orderNumber?: unknown; revision?: unknown; details?: { reason?: unknown } };
  publicUrl: string;
  /** The invitation token, opened from its sealed form (invitations only). */
  token?: string;
}

/** Each template's subject and body in the catalogue: `email.<template>.subject` and `.text`. */
const KEYS: Record<EmailTemplate, { subject: MessageKey; text: MessageKey }> = {
  invitation: { subject: 'email.invitation.subject', text: 'email.invitation.text' },
  order_published: { subject: 'email.order_published.subject', text: 'email.order_published.text' },
  order_change_proposed: { subject: 'email.order_change_proposed.subject', text: 'email.order_change_proposed.text' },
  order_revised: { subject: 'email.order_revised.subject', text: 'email.order_revised.text' },
  order_cancelled: { subject: 'email.order_cancelled.subject', text: 'email.order_cancelled.text' },
};

/**
 * The e-mail in the recipient's locale. An invitation's recipient has no account (no locale yet): its
 * message is the one catalogue entry written in both languages at once.
 */
export function renderEmail(template: EmailTemplate, locale: Locale, input: TemplateInput): RenderedEmail {
  const params = {
    orderNumber: String(input.data.orderNumber ?? ''),
    revision: String(input.data.revision ?? ''),
    reason: String(input.data.details?.reason ?? ''),
    link:
      template === 'invitation'
        ? `${input.publicUrl}/invitations/accept?token=${encodeURIComponent(input.token ?? '')}`
        : `${input.publicUrl}/orders/${String(input.data.purchaseOrderId)}`,
    anchorName: String(input.data.anchorName ?? ''),
    supplierName: String(input.data.supplierName ?? ''),
    expires: String(input.data.expiresAt ?? '').slice(0, 10),
  };
  return { subject: t(locale, KEYS[template].subject, params), text: t(locale, KEYS[template].text, params) };
}
