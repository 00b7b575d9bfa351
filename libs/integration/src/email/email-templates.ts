import { type Locale, type MessageKey, t } from '@anchorlink/core';

export type EmailTemplate = 'invitation' | 'order_published' | 'order_change_proposed' | 'order_revised' | 'order_cancelled';

export interface RenderedEmail {
  subject: string;
  text: string;
}

interface TemplateInput {
  data: Record<string, unknown>;
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
/** A text field of an event's JSON data ('' when absent or not text). */
export function dataText(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function renderEmail(template: EmailTemplate, locale: Locale, input: TemplateInput): RenderedEmail {
  const details =
    typeof input.data.details === 'object' && input.data.details !== null ? (input.data.details as Record<string, unknown>) : {};
  const params = {
    orderNumber: dataText(input.data, 'orderNumber'),
    revision: dataText(input.data, 'revision'),
    reason: dataText(details, 'reason'),
    link:
      template === 'invitation'
        ? `${input.publicUrl}/invitations/accept?token=${encodeURIComponent(input.token ?? '')}`
        : `${input.publicUrl}/orders/${dataText(input.data, 'purchaseOrderId')}`,
    anchorName: dataText(input.data, 'anchorName'),
    supplierName: dataText(input.data, 'supplierName'),
    expires: dataText(input.data, 'expiresAt').slice(0, 10),
  };
  return { subject: t(locale, KEYS[template].subject, params), text: t(locale, KEYS[template].text, params) };
}
