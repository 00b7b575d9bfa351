import { EmailStatus } from '../entities/email-delivery.entity.js';
import { EMAIL_DELIVERY_LIFECYCLE, nextState } from '../worker/delivery-lifecycles.js';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig, DatabaseGate, isLocale, SecretBox } from '@anchorlink/core';
import { dataText, type EmailTemplate, renderEmail } from './email-templates.js';

export interface EmailJob {
  deliveryId: string;
  organizationId: string;
}

/** pg-boss tries an e-mail job this many times (the queue's retryLimit + 1); the last failure marks it FAILED. */
export const EMAIL_ATTEMPTS = 11;

/** A Message-ID that is the same for every attempt of one e-mail. */
export function emailMessageId(eventId: string, recipient: string): string {
  return `<${eventId}.${createHash('sha256').update(recipient).digest('hex').slice(0, 16)}@anchorlink>`;
}

/**
 * Sends one e-mail notification through SMTP_URL (nodemailer), or writes it
 * to the log when no SMTP server is configured. The delivery row is locked
 * while sending and marked SENT in the same transaction, so a retried or
 * repeated job never sends it again; a failure is recorded and retried.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('EmailSender');
  private transport: Transporter | null = null;

  constructor(
    private readonly gate: DatabaseGate,
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async send({ deliveryId, organizationId }: EmailJob, retryCount: number): Promise<void> {
    const failure = await this.gate.runForOrganization(organizationId, async (em) => {
      const [delivery] = await em.query<
        {
          id: string;
          event_id: string;
          recipient: string;
          locale: string;
          template: EmailTemplate;
          status: EmailStatus;
          attempts: number;
          message_id: string;
        }[]
      >(`SELECT id, event_id, recipient, locale, template, status, attempts, message_id FROM email_deliveries WHERE id = $1 FOR UPDATE`, [
        deliveryId,
      ]);
      if (!delivery || EMAIL_DELIVERY_LIFECYCLE.isFinal(delivery.status)) return null;
      try {
        const message = await this.render(delivery);
        await this.deliver({ to: delivery.recipient, subject: message.subject, text: message.text, messageId: delivery.message_id });
        await em.query(
          `UPDATE email_deliveries SET status = $2, attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`,
          [delivery.id, nextState(EMAIL_DELIVERY_LIFECYCLE, delivery.status, EmailStatus.SENT)],
        );
        return null;
      } catch (error) {
        const final = retryCount + 1 >= EMAIL_ATTEMPTS;
        await em.query(`UPDATE email_deliveries SET status = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`, [
          delivery.id,
          nextState(EMAIL_DELIVERY_LIFECYCLE, delivery.status, final ? EmailStatus.FAILED : EmailStatus.PENDING),
          String((error as Error).message).slice(0, 500),
        ]);
        return final ? null : (error as Error);
      }
    });
    // Thrown after the failure is recorded: pg-boss retries the job with backoff.
    if (failure) throw failure;
  }

  private async render(delivery: { event_id: string; locale: string; template: EmailTemplate }) {
    const [event] = await this.dataSource.query<
      {
        id: string;
        data: Record<string, unknown>;
      }[]
    >(`SELECT id, data FROM outbox_events WHERE id = $1`, [delivery.event_id]);
    if (!event) throw new Error(`outbox event ${delivery.event_id} not found`);
    const token =
      delivery.template === 'invitation'
        ? this.secrets.open(dataText(event.data, '_sealedToken'), `invitation:${dataText(event.data, 'invitationId')}`)
        : undefined;
    return renderEmail(delivery.template, isLocale(delivery.locale) ? delivery.locale : 'zh-CN', {
      data: event.data,
      publicUrl: this.config.publicUrl,
      token,
    });
  }

  private async deliver(mail: { to: string; subject: string; text: string; messageId: string }): Promise<void> {
    if (!this.config.smtpUrl) {
      this.logger.log({ mail: { from: this.config.mailFrom, ...mail } }, `e-mail to ${mail.to} (SMTP_URL is not set: logged, not sent)`);
      return;
    }
    // Bounded waits: a job still running after its queue's expiry would be retried (and could send twice).
    this.transport ??= nodemailer.createTransport({
      url: this.config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
