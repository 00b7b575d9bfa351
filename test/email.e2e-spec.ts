import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JOB_QUEUES, JobQueue } from '@anchorlink/core';
import { EmailSender } from '@anchorlink/integration';
import { TestApp } from './support/test-app.js';
import { BUYER, CASTINGS, ORG } from './support/fixtures.js';
import { CANCEL, createOrder, PUBLISH_ORDER, RESPOND, REVISE } from './support/orders.js';
import { SmtpSink } from './support/smtp-sink.js';
import { eventually } from './support/webhook-receiver.js';

describe('e-mail notifications', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await TestApp.start({ smtpUrl: smtp.url, publicUrl: 'https://portal.anchorlink.test', workerPollIntervalMs: 500 });
    // The supplier's sales user reads English; the buyer keeps Chinese.
    await t.sql(`UPDATE users SET locale = 'en' WHERE email = $1`, [CASTINGS]);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('sends an invitation with its link, in both languages (the invitee has no account yet)', async () => {
    const { inviteSupplier } = await t.ok(
      `mutation { inviteSupplier(input: { supplierName: "苏州新材", email: "boss@xincai.demo" }) { token invitation { id } } }`,
      {},
      BUYER,
    );
    await smtp.waitFor(() => smtp.to('boss@xincai.demo').length === 1);
    const [mail] = smtp.to('boss@xincai.demo');
    expect(mail.subject).toContain('邀请');
    expect(mail.subject).toContain('invites you');
    expect(mail.text).toContain(`https://portal.anchorlink.test/invitations/accept?token=${encodeURIComponent(inviteSupplier.token)}`);
    expect(mail.text).toContain('苏州新材');
    // The token never sits in clear in the outbox.
    const [event] = await t.sql(`SELECT data::text AS data FROM outbox_events WHERE entity_id = $1`, [inviteSupplier.invitation.id]);
    expect(event.data).not.toContain(inviteSupplier.token);
  });

  it("tells the supplier's staff about a published, revised and cancelled order, in their language", async () => {
    const draft = await createOrder(t);
    let order = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
    await smtp.waitFor(() => smtp.to(CASTINGS).some((m) => m.subject?.includes(draft.number)));
    expect(smtp.to(CASTINGS).find((m) => m.subject?.includes(draft.number))!.subject).toBe(
      `[Anchorlink] New purchase order ${draft.number}`,
    );

    order = (await t.ok(REVISE, { id: order.id, v: order.version, c: [{ lineId: order.lines[0].id, quantity: '12' }] }, BUYER))
      .revisePurchaseOrder;
    await t.ok(CANCEL, { id: order.id, v: order.version, reason: '项目取消' }, BUYER);
    await smtp.waitFor(() => smtp.to(CASTINGS).filter((m) => m.subject?.includes(draft.number)).length === 3);
    const subjects = smtp
      .to(CASTINGS)
      .filter((m) => m.subject?.includes(draft.number))
      .map((m) => m.subject);
    expect(subjects).toEqual([
      `[Anchorlink] New purchase order ${draft.number}`,
      `[Anchorlink] Purchase order ${draft.number} revised (revision 2)`,
      `[Anchorlink] Purchase order ${draft.number} cancelled`,
    ]);
    expect(smtp.to(CASTINGS).at(-1)!.text).toContain('项目取消');
  });

  it('tells the buyer about a change proposal, in Chinese, and says nothing for a plain acceptance', async () => {
    const draft = await createOrder(t);
    const order = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
    await t.ok(
      RESPOND,
      {
        id: order.id,
        v: order.version,
        lines: [
          { lineId: order.lines[0].id, decision: 'ACCEPT' },
          {
            lineId: order.lines[1].id,
            decision: 'PROPOSE_CHANGE',
            deliveryDate: '2026-12-29',
            reasonCode: 'DATE_CHANGED',
            reason: '模具检修',
          },
        ],
      },
      CASTINGS,
    );
    await smtp.waitFor(() => smtp.to(BUYER).some((m) => m.subject?.includes(draft.number)));
    expect(smtp.to(BUYER).find((m) => m.subject?.includes(draft.number))!.subject).toBe(`【锚链】采购订单 ${draft.number} 有变更提议`);

    const other = await createOrder(t);
    const published = (await t.ok(PUBLISH_ORDER, { id: other.id, v: other.version }, BUYER)).publishPurchaseOrder;
    await t.ok(
      RESPOND,
      { id: published.id, v: published.version, lines: published.lines.map((l: any) => ({ lineId: l.id, decision: 'ACCEPT' })) },
      CASTINGS,
    );
    await smtp.waitFor(() => smtp.to(CASTINGS).some((m) => m.subject?.includes(other.number)));
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to(BUYER).filter((m) => m.subject?.includes(other.number))).toEqual([]);
  });

  it('sends each e-mail once, even when its event is dispatched again', async () => {
    const draft = await createOrder(t);
    await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER);
    await smtp.waitFor(() => smtp.to(CASTINGS).some((m) => m.subject?.includes(draft.number)));
    const [event] = await t.sql(`SELECT id FROM outbox_events WHERE entity_id = $1 AND type = 'order.published'`, [draft.id]);
    // As after a worker crash between fanning out and marking the event done: dispatch it again.
    await t.sql(`UPDATE outbox_events SET dispatched_at = NULL WHERE id = $1`, [event.id]);
    await t.app.get(JobQueue).send(t.dataSource.manager, JOB_QUEUES.dispatch, { eventId: event.id });
    await eventually(async () =>
      (await t.sql(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [event.id]))[0].dispatched_at ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to(CASTINGS).filter((m) => m.subject?.includes(draft.number))).toHaveLength(1);
    const rows = await t.sql(`SELECT status, attempts FROM email_deliveries WHERE event_id = $1`, [event.id]);
    expect(rows).toEqual([{ status: 'SENT', attempts: 1 }]);
  });

  it('records a temporary SMTP failure and sends on the retry, never twice', async () => {
    const [event] = await t.sql(`SELECT id FROM outbox_events WHERE type = 'order.published' LIMIT 1`);
    const [row] = await t.sql(
      `INSERT INTO email_deliveries (org_id, event_id, recipient, locale, template, message_id)
       VALUES ($1, $2, 'retry@castings.demo', 'zh-CN', 'order_published', '<retry@anchorlink>') RETURNING id`,
      [ORG.castings, event.id],
    );
    const sender = t.app.get(EmailSender);
    let refusals = 1;
    smtp.refuse = () => (refusals-- > 0 ? 'mailbox busy, try later' : null);
    try {
      await expect(sender.send({ deliveryId: row.id, organizationId: ORG.castings }, 0)).rejects.toThrow(/busy/);
      expect((await t.sql(`SELECT status, attempts, last_error FROM email_deliveries WHERE id = $1`, [row.id]))[0]).toMatchObject({
        status: 'PENDING',
        attempts: 1,
      });
      await sender.send({ deliveryId: row.id, organizationId: ORG.castings }, 1);
      await sender.send({ deliveryId: row.id, organizationId: ORG.castings }, 2);
    } finally {
      smtp.refuse = () => null;
    }
    expect(smtp.to('retry@castings.demo')).toHaveLength(1);
    expect((await t.sql(`SELECT status, attempts FROM email_deliveries WHERE id = $1`, [row.id]))[0]).toEqual({
      status: 'SENT',
      attempts: 2,
    });
  });
});
