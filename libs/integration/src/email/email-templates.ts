import type { Locale } from '@anchorlink/core';

export type EmailTemplate = 'invitation' | 'order_published' | 'order_change_proposed' | 'order_revised' | 'order_cancelled';

export interface RenderedEmail {
  subject: string;
  text: string;
}

interface TemplateInput {
  data: Record<string, any>;
  publicUrl: string;
  /** The invitation token, opened from its sealed form (invitations only). */
  token?: string;
}

const orderLink = (input: TemplateInput) => `${input.publicUrl}/orders/${input.data.purchaseOrderId}`;

const TEMPLATES: Record<Exclude<EmailTemplate, 'invitation'>, Record<Locale, (input: TemplateInput) => RenderedEmail>> = {
  order_published: {
    'zh-CN': (i) => ({
      subject: `【锚链】新采购订单 ${i.data.orderNumber}`,
      text: `您好，\n\n采购方发布了采购订单 ${i.data.orderNumber}，请逐行确认或提出变更：\n${orderLink(i)}\n\n—— 锚链 Anchorlink`,
    }),
    en: (i) => ({
      subject: `[Anchorlink] New purchase order ${i.data.orderNumber}`,
      text: `Hello,\n\nThe buyer published purchase order ${i.data.orderNumber}. Please confirm it line by line or propose changes:\n${orderLink(i)}\n\n— Anchorlink`,
    }),
  },
  order_change_proposed: {
    'zh-CN': (i) => ({
      subject: `【锚链】采购订单 ${i.data.orderNumber} 有变更提议`,
      text: `您好，\n\n供应商对采购订单 ${i.data.orderNumber} 提出了变更（数量、日期或价格），请接受或拒绝：\n${orderLink(i)}\n\n—— 锚链 Anchorlink`,
    }),
    en: (i) => ({
      subject: `[Anchorlink] Change proposed on purchase order ${i.data.orderNumber}`,
      text: `Hello,\n\nThe supplier proposed changes (quantity, date or price) to purchase order ${i.data.orderNumber}. Please accept or reject them:\n${orderLink(i)}\n\n— Anchorlink`,
    }),
  },
  order_revised: {
    'zh-CN': (i) => ({
      subject: `【锚链】采购订单 ${i.data.orderNumber} 已修订（第 ${i.data.revision} 版）`,
      text: `您好，\n\n采购方修订了采购订单 ${i.data.orderNumber}（第 ${i.data.revision} 版），变更的行需要重新确认：\n${orderLink(i)}\n\n—— 锚链 Anchorlink`,
    }),
    en: (i) => ({
      subject: `[Anchorlink] Purchase order ${i.data.orderNumber} revised (revision ${i.data.revision})`,
      text: `Hello,\n\nThe buyer revised purchase order ${i.data.orderNumber} (revision ${i.data.revision}); changed lines need your confirmation again:\n${orderLink(i)}\n\n— Anchorlink`,
    }),
  },
  order_cancelled: {
    'zh-CN': (i) => ({
      subject: `【锚链】采购订单 ${i.data.orderNumber} 已取消`,
      text: `您好，\n\n采购方取消了采购订单 ${i.data.orderNumber}。原因：${i.data.details?.reason ?? ''}\n${orderLink(i)}\n\n—— 锚链 Anchorlink`,
    }),
    en: (i) => ({
      subject: `[Anchorlink] Purchase order ${i.data.orderNumber} cancelled`,
      text: `Hello,\n\nThe buyer cancelled purchase order ${i.data.orderNumber}. Reason: ${i.data.details?.reason ?? ''}\n${orderLink(i)}\n\n— Anchorlink`,
    }),
  },
};

/** The e-mail in the recipient's locale. An invitation's recipient has no account (no locale yet): it is bilingual. */
export function renderEmail(template: EmailTemplate, locale: Locale, input: TemplateInput): RenderedEmail {
  if (template === 'invitation') {
    const link = `${input.publicUrl}/invitations/accept?token=${encodeURIComponent(input.token ?? '')}`;
    const expires = String(input.data.expiresAt).slice(0, 10);
    return {
      subject: `【锚链】${input.data.anchorName} 邀请您加入供应链协同 / ${input.data.anchorName} invites you to Anchorlink`,
      text:
        `您好，\n\n${input.data.anchorName} 邀请 ${input.data.supplierName} 作为供应商加入锚链供应链协同平台。` +
        `请在 ${expires} 前打开以下链接接受邀请：\n${link}\n\n` +
        `Hello,\n\n${input.data.anchorName} invites ${input.data.supplierName} to join its supply chain on Anchorlink as a supplier. ` +
        `Open this link before ${expires} to accept:\n${link}\n\n—— 锚链 Anchorlink`,
    };
  }
  return TEMPLATES[template][locale](input);
}
