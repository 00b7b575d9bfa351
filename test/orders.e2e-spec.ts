import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { BEARINGS, BUYER, BUYER2, CASTINGS, demoPartId, HYDRAULICS, MISSING_ID, ORG, PLANNER, ANCHOR_ADMIN } from './support/fixtures.js';
import {
  CANCEL,
  castingsLines,
  CLOSE,
  CONFIRM,
  CREATE_ORDER,
  createOrder,
  ORDER,
  ORDERS,
  PUBLISH_ORDER,
  publishedOrder,
  RECEIVE,
  RESOLVE,
  RESPOND,
  REVISE,
  SHIP,
} from './support/orders.js';

describe('purchase orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the whole workflow, both personas', () => {
    let order: any;

    it('the buyer creates a draft: number, exact total, units and supplier part numbers from the part master', async () => {
      order = await createOrder(t, { notes: '第一批' });
      expect(order).toMatchObject({
        status: 'DRAFT',
        revision: 1,
        version: 1,
        currency: 'CNY',
        totalAmount: '16426',
        anchor: { id: ORG.anchor },
        supplier: { id: ORG.castings },
      });
      expect(order.number).toMatch(/^PO-\d{4}-\d{6}$/);
      expect(
        order.lines.map((l: any) => [l.lineNumber, l.part.partNumber, l.supplierPartNumber, l.uom, l.status, l.shippedQuantity]),
      ).toEqual([
        [1, 'YH-CST-1001', 'JG-ZJ-0815', 'H87', 'PENDING', '0'],
        [2, 'YH-CST-1003', 'JG-ZJ-1107', 'H87', 'PENDING', '0'],
      ]);
      expect(order.events.map((e: any) => e.type)).toEqual(['CREATED']);
      expect(order.events[0].actor.email).toBe(BUYER);
    });

    it('keeps drafts from the supplier', async () => {
      const seen = await t.gql(ORDER, { id: order.id }, CASTINGS);
      const missing = await t.gql(ORDER, { id: MISSING_ID }, CASTINGS);
      expect(codes(seen)).toEqual(['NOT_FOUND']);
      expect(seen.errors![0].message).toBe(missing.errors![0].message);
      const list = (await t.ok(ORDERS, { first: 200 }, CASTINGS)).purchaseOrders.nodes.map((o: any) => o.id);
      expect(list).not.toContain(order.id);
    });

    it('publishes, and the supplier sees it without the draft-time history', async () => {
      order = (await t.ok(PUBLISH_ORDER, { id: order.id, v: order.version }, BUYER)).publishPurchaseOrder;
      expect(order).toMatchObject({ status: 'PUBLISHED', version: 2 });
      expect(order.publishedAt).toBeTruthy();
      const supplierView = (await t.ok(ORDER, { id: order.id }, CASTINGS)).purchaseOrder;
      expect(supplierView.events.map((e: any) => e.type)).toEqual(['PUBLISHED']);
      expect((await t.ok(ORDERS, {}, CASTINGS)).purchaseOrders.nodes.map((o: any) => o.id)).toContain(order.id);
    });

    it('the supplier accepts one line and proposes a change to the other', async () => {
      const [l1, l2] = order.lines;
      order = (
        await t.ok(
          RESPOND,
          {
            id: order.id,
            v: order.version,
            lines: [
              { lineId: l1.id, decision: 'ACCEPT' },
              {
                lineId: l2.id,
                decision: 'PROPOSE_CHANGE',
                quantity: '3',
                deliveryDate: '2026-12-22',
                reasonCode: 'BACKORDERED',
                reason: '铸件排产已满',
              },
            ],
          },
          CASTINGS,
        )
      ).respondToPurchaseOrder;
      expect(order.status).toBe('CHANGE_PROPOSED');
      expect(order.lines[0]).toMatchObject({
        status: 'ACCEPTED',
        confirmedQuantity: '10',
        confirmedDate: '2026-12-15',
        confirmedUnitPrice: '1250.5',
        proposal: null,
      });
      expect(order.lines[1]).toMatchObject({
        status: 'CHANGE_PROPOSED',
        confirmedQuantity: null,
        proposal: { quantity: '3', deliveryDate: '2026-12-22', unitPrice: null, reasonCode: 'BACKORDERED', reason: '铸件排产已满' },
      });
      const responded = order.events.at(-1);
      expect(responded).toMatchObject({ type: 'RESPONDED', actor: { email: CASTINGS } });
      expect(responded.details.lines.map((l: any) => l.decision)).toEqual(['ACCEPT', 'PROPOSE_CHANGE']);
    });

    it('the buyer accepts the proposal: the line is confirmed with the proposed values, the order CONFIRMED', async () => {
      order = (await t.ok(RESOLVE, { id: order.id, v: order.version, r: [{ lineId: order.lines[1].id, accept: true }] }, BUYER))
        .resolveChangeProposals;
      expect(order.status).toBe('CONFIRMED');
      expect(order.confirmedAt).toBeTruthy();
      expect(order.lines[1]).toMatchObject({
        status: 'ACCEPTED',
        confirmedQuantity: '3',
        confirmedDate: '2026-12-22',
        confirmedUnitPrice: '980.25',
        proposal: null,
      });
      expect(order.events.map((e: any) => e.type).slice(-2)).toEqual(['CHANGE_ACCEPTED', 'CONFIRMED']);
    });

    it('ships in two notices, and the buyer receives and closes', async () => {
      const [l1, l2] = order.lines;
      const first = (
        await t.ok(
          SHIP,
          {
            input: {
              purchaseOrderId: order.id,
              shipDate: '2026-12-10',
              expectedArrival: '2026-12-12',
              carrier: '顺丰',
              trackingNumber: 'SF1234',
              lines: [{ lineId: l1.id, quantity: '6' }],
            },
          },
          CASTINGS,
        )
      ).createShipmentNotice;
      expect(first.number).toMatch(/^ASN-\d{4}-\d{6}$/);
      expect(first.purchaseOrder.status).toBe('PARTIALLY_SHIPPED');
      const second = (
        await t.ok(
          SHIP,
          {
            input: {
              purchaseOrderId: order.id,
              shipDate: '2026-12-18',
              expectedArrival: '2026-12-20',
              lines: [
                { lineId: l1.id, quantity: '4' },
                { lineId: l2.id, quantity: '3' },
              ],
            },
          },
          CASTINGS,
        )
      ).createShipmentNotice;
      expect(second.purchaseOrder.status).toBe('SHIPPED');
      expect(second.lines.map((l: any) => [l.orderLine.lineNumber, l.quantity, l.orderLine.shippedQuantity])).toEqual([
        [1, '4', '10'],
        [2, '3', '3'],
      ]);
      expect(
        (await t.ok(`query($id: ID!) { shipmentNotices(purchaseOrderId: $id) { number } }`, { id: order.id }, BUYER)).shipmentNotices,
      ).toHaveLength(2);

      await t.ok(
        RECEIVE,
        { input: { shipmentNoticeId: first.id, receivedOn: '2026-12-12', lines: [{ lineId: l1.id, quantity: '6' }] } },
        BUYER,
      );
      expect((await t.ok(ORDER, { id: order.id }, BUYER)).purchaseOrder.status).toBe('SHIPPED');
      const receipt = (
        await t.ok(
          RECEIVE,
          {
            input: {
              shipmentNoticeId: second.id,
              receivedOn: '2026-12-21',
              lines: [
                { lineId: l1.id, quantity: '4' },
                { lineId: l2.id, quantity: '3' },
              ],
            },
          },
          BUYER,
        )
      ).recordGoodsReceipt;
      expect(receipt).toMatchObject({ receivedOn: '2026-12-21', shipmentNotice: { id: second.id } });
      order = (await t.ok(ORDER, { id: order.id }, BUYER)).purchaseOrder;
      expect(order.status).toBe('RECEIVED');
      expect(order.lines.map((l: any) => l.receivedQuantity)).toEqual(['10', '3']);

      order = (await t.ok(CLOSE, { id: order.id, v: order.version }, BUYER)).closePurchaseOrder;
      expect(order.status).toBe('CLOSED');
      expect(order.events.map((e: any) => e.type)).toEqual([
        'CREATED',
        'PUBLISHED',
        'RESPONDED',
        'CHANGE_ACCEPTED',
        'CONFIRMED',
        'SHIPPED',
        'SHIPPED',
        'RECEIVED',
        'RECEIVED',
        'CLOSED',
      ]);
      const times = order.events.map((e: any) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('wrote one audit row per change, in the acting organization', async () => {
      const anchor = await t.sql(`SELECT action FROM audit_events WHERE entity_id = $1 AND org_id = $2 ORDER BY at`, [
        order.id,
        ORG.anchor,
      ]);
      const supplier = await t.sql(`SELECT action FROM audit_events WHERE entity_id = $1 AND org_id = $2 ORDER BY at`, [
        order.id,
        ORG.castings,
      ]);
      expect(anchor.map((r: any) => r.action)).toEqual([
        'order.created',
        'order.published',
        'order.change_accepted',
        'order.confirmed',
        'order.received',
        'order.received',
        'order.closed',
      ]);
      expect(supplier.map((r: any) => r.action)).toEqual(['order.responded', 'order.shipped', 'order.shipped']);
    });
  });

  it('lets the supplier answer across calls, and confirmPurchaseOrder accepts what is still pending', async () => {
    let order = await publishedOrder(t);
    order = (await t.ok(RESPOND, { id: order.id, v: order.version, lines: [{ lineId: order.lines[0].id, decision: 'ACCEPT' }] }, CASTINGS))
      .respondToPurchaseOrder;
    expect(order.status).toBe('PUBLISHED');
    expect(order.lines.map((l: any) => l.status)).toEqual(['ACCEPTED', 'PENDING']);
    // An answered line cannot be answered again: CONFLICT naming its state.
    const again = await t.gql(
      RESPOND,
      { id: order.id, v: order.version, lines: [{ lineId: order.lines[0].id, decision: 'ACCEPT' }] },
      CASTINGS,
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('ACCEPTED');
    order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    expect(order.status).toBe('CONFIRMED');
    expect(order.lines.map((l: any) => l.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(codes(await t.gql(CONFIRM, { id: order.id, v: order.version }, CASTINGS))).toEqual(['CONFLICT']);
  });

  it('makes the order REJECTED when every line is, and wants a reason code and a reason', async () => {
    let order = await publishedOrder(t);
    const [l1, l2] = order.lines;
    const noReason = await t.gql(
      RESPOND,
      { id: order.id, v: order.version, lines: [{ lineId: l1.id, decision: 'REJECT', reasonCode: 'OTHER' }] },
      CASTINGS,
    );
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);
    order = (
      await t.ok(
        RESPOND,
        {
          id: order.id,
          v: order.version,
          lines: [
            { lineId: l1.id, decision: 'REJECT', reasonCode: 'ON_HOLD', reason: '模具检修' },
            { lineId: l2.id, decision: 'REJECT', reasonCode: 'OTHER', reason: '不生产此件' },
          ],
        },
        CASTINGS,
      )
    ).respondToPurchaseOrder;
    expect(order.status).toBe('REJECTED');
    order = (await t.ok(CLOSE, { id: order.id, v: order.version }, BUYER)).closePurchaseOrder;
    expect(order.status).toBe('CLOSED');
  });

  it('sends a rejected proposal back to the supplier, who answers again', async () => {
    let order = await publishedOrder(t);
    order = (
      await t.ok(
        RESPOND,
        {
          id: order.id,
          v: order.version,
          lines: [
            { lineId: order.lines[0].id, decision: 'PROPOSE_CHANGE', unitPrice: '1300', reasonCode: 'PRICE_CHANGED' },
            { lineId: order.lines[1].id, decision: 'ACCEPT' },
          ],
        },
        CASTINGS,
      )
    ).respondToPurchaseOrder;
    expect(
      codes(await t.gql(RESOLVE, { id: order.id, v: order.version, r: [{ lineId: order.lines[1].id, accept: true }] }, BUYER)),
    ).toEqual(['CONFLICT']);
    order = (await t.ok(RESOLVE, { id: order.id, v: order.version, r: [{ lineId: order.lines[0].id, accept: false }] }, BUYER))
      .resolveChangeProposals;
    expect(order.status).toBe('PUBLISHED');
    expect(order.lines[0]).toMatchObject({ status: 'PENDING', proposal: null });
    expect(order.events.at(-1)).toMatchObject({ type: 'CHANGE_REJECTED' });
    expect(order.events.at(-1).details.lines[0].proposal.unitPrice).toBe('1300');
    order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    expect(order.status).toBe('CONFIRMED');
  });

  it('revises by adding lines only', async () => {
    const order = await publishedOrder(t);
    const revised = (
      await t.ok(
        REVISE,
        {
          id: order.id,
          v: order.version,
          c: [{ partId: demoPartId('anchor', 'YH-CST-1005'), quantity: '2', unitPrice: '3100', requestedDate: '2027-01-05' }],
        },
        BUYER,
      )
    ).revisePurchaseOrder;
    expect(revised).toMatchObject({ revision: 2, totalAmount: '22626' });
    expect(revised.lines.map((l: any) => [l.lineNumber, l.status])).toEqual([
      [1, 'PENDING'],
      [2, 'PENDING'],
      [3, 'PENDING'],
    ]);
  });

  it('revises after publishing: changed and new lines go back to PENDING, unchanged accepted ones stay, the original date is kept', async () => {
    let order = await publishedOrder(t, {
      lines: [
        ...castingsLines(),
        { partId: demoPartId('anchor', 'YH-CST-1002'), quantity: '1', unitPrice: '9000', requestedDate: '2026-12-15' },
      ],
    });
    order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    const [l1, l2, l3] = order.lines;
    order = (
      await t.ok(
        REVISE,
        {
          id: order.id,
          v: order.version,
          c: [
            { lineId: l1.id, quantity: '12', requestedDate: '2026-12-29' },
            { lineId: l3.id, cancel: true },
            { partId: demoPartId('anchor', 'YH-CST-1005'), quantity: '2', unitPrice: '3100', requestedDate: '2027-01-05' },
          ],
        },
        BUYER,
      )
    ).revisePurchaseOrder;
    expect(order).toMatchObject({ status: 'PUBLISHED', revision: 2 });
    expect(order.lines.map((l: any) => [l.lineNumber, l.status, l.quantity, l.requestedDate, l.confirmedQuantity])).toEqual([
      [1, 'PENDING', '12', '2026-12-29', null],
      [2, 'ACCEPTED', '4', '2026-12-15', '4'],
      [3, 'CANCELLED', '1', '2026-12-15', '1'],
      [4, 'PENDING', '2', '2027-01-05', null],
    ]);
    // 12 × 1250.5 + 4 × 980.25 + 2 × 3100 (the cancelled line does not count)
    expect(order.totalAmount).toBe('25127');
    const [{ original_requested_date }] = await t.sql(`SELECT original_requested_date FROM purchase_order_lines WHERE id = $1`, [l1.id]);
    expect(original_requested_date).toBe('2026-12-15');
    const revised = order.events.at(-1);
    expect(revised).toMatchObject({ type: 'REVISED', revision: 2 });
    expect(revised.details.lines.map((c: any) => c.change)).toEqual(['changed', 'cancelled', 'added']);
    // The supplier answers the revision.
    order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    expect(order.status).toBe('CONFIRMED');
    expect(
      codes(
        await t.gql(
          REVISE,
          {
            id: order.id,
            v: order.version,
            c: [
              { lineId: l2.id, cancel: true },
              { lineId: l1.id, cancel: true },
              { lineId: order.lines[3].id, cancel: true },
            ],
          },
          BUYER,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(REVISE, { id: order.id, v: order.version, c: [{ lineId: l2.id, quantity: '4' }] }, BUYER))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses each illegal transition with CONFLICT naming the current state', async () => {
    const draft = await createOrder(t);
    const closeDraft = await t.gql(CLOSE, { id: draft.id, v: draft.version }, BUYER);
    expect(codes(closeDraft)).toEqual(['CONFLICT']);
    expect(closeDraft.errors![0].message).toBe('订单当前状态为 DRAFT，不能关闭');

    const order = await publishedOrder(t);
    const publishAgain = await t.gql(PUBLISH_ORDER, { id: order.id, v: order.version }, BUYER);
    expect(codes(publishAgain)).toEqual(['CONFLICT']);
    expect(publishAgain.errors![0].message).toContain('PUBLISHED');
    expect(
      codes(await t.gql(RESOLVE, { id: order.id, v: order.version, r: [{ lineId: order.lines[0].id, accept: true }] }, BUYER)),
    ).toEqual(['CONFLICT']);
    expect(
      codes(
        await t.gql(
          SHIP,
          {
            input: {
              purchaseOrderId: order.id,
              shipDate: '2026-12-01',
              expectedArrival: '2026-12-02',
              lines: [{ lineId: order.lines[0].id, quantity: '1' }],
            },
          },
          CASTINGS,
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(codes(await t.gql(CLOSE, { id: order.id, v: order.version }, BUYER))).toEqual(['CONFLICT']);

    const confirmed = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    expect(
      codes(
        await t.gql(RESPOND, { id: order.id, v: confirmed.version, lines: [{ lineId: order.lines[0].id, decision: 'ACCEPT' }] }, CASTINGS),
      ),
    ).toEqual(['CONFLICT']);
    const shipment = await t.ok(
      SHIP,
      {
        input: {
          purchaseOrderId: order.id,
          shipDate: '2026-12-01',
          expectedArrival: '2026-12-02',
          lines: [{ lineId: order.lines[0].id, quantity: '1' }],
        },
      },
      CASTINGS,
    );
    const version = shipment.createShipmentNotice.purchaseOrder.version;
    const cancel = await t.gql(CANCEL, { id: order.id, v: version, reason: 'too late' }, BUYER);
    expect(codes(cancel)).toEqual(['CONFLICT']);
    expect(cancel.errors![0].message).toContain('PARTIALLY_SHIPPED');
    expect(codes(await t.gql(REVISE, { id: order.id, v: version, c: [{ lineId: order.lines[0].id, quantity: '2' }] }, BUYER))).toEqual([
      'CONFLICT',
    ]);
  });

  it('cancels before shipping, also drafts, which the supplier never sees', async () => {
    const draft = await createOrder(t);
    const cancelledDraft = (await t.ok(CANCEL, { id: draft.id, v: draft.version, reason: '需求取消' }, BUYER)).cancelPurchaseOrder;
    expect(cancelledDraft.status).toBe('CANCELLED');
    expect(codes(await t.gql(ORDER, { id: draft.id }, CASTINGS))).toEqual(['NOT_FOUND']);

    const order = await publishedOrder(t);
    const cancelled = (await t.ok(CANCEL, { id: order.id, v: order.version, reason: '项目推迟' }, BUYER)).cancelPurchaseOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', totalAmount: '0' });
    expect(cancelled.lines.every((l: any) => l.status === 'CANCELLED')).toBe(true);
    const supplierView = (await t.ok(ORDER, { id: order.id }, CASTINGS)).purchaseOrder;
    expect(supplierView.events.at(-1)).toMatchObject({ type: 'CANCELLED', details: { reason: '项目推迟' } });
    expect(codes(await t.gql(CANCEL, { id: order.id, v: cancelled.version, reason: 'again' }, BUYER))).toEqual(['CONFLICT']);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const order = await publishedOrder(t);
    const before = await t.sql(
      `SELECT version, status, (SELECT count(*)::int FROM order_events WHERE order_id = $1) AS events FROM purchase_orders WHERE id = $1`,
      [order.id],
    );
    const stale = await t.gql(CONFIRM, { id: order.id, v: order.version - 1 }, CASTINGS);
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toContain(`${order.version}`);
    const after = await t.sql(
      `SELECT version, status, (SELECT count(*)::int FROM order_events WHERE order_id = $1) AS events FROM purchase_orders WHERE id = $1`,
      [order.id],
    );
    expect(after).toEqual(before);
    const lines = await t.sql(`SELECT status FROM purchase_order_lines WHERE order_id = $1`, [order.id]);
    expect(lines.every((l: any) => l.status === 'PENDING')).toBe(true);
  });

  it('lets exactly one of 100 concurrent confirmations of the same version succeed', async () => {
    const order = await publishedOrder(t);
    const token = await t.tokenFor(CASTINGS);
    const results = await Promise.all(Array.from({ length: 100 }, () => t.gql(CONFIRM, { id: order.id, v: order.version }, token)));
    const ok = results.filter((r) => r.data?.confirmPurchaseOrder);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => codes(r).join() === 'CONFLICT')).toHaveLength(99);
    const [row] = await t.sql(`SELECT version, status FROM purchase_orders WHERE id = $1`, [order.id]);
    expect(row).toEqual({ version: order.version + 1, status: 'CONFIRMED' });
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND type = 'CONFIRMED'`, [order.id]);
    expect(n).toBe(1);
  });

  it('returns the first result for a retried idempotency key, and refuses the key with another input', async () => {
    const input = { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines(), idempotencyKey: 'erp-batch-0001' };
    const first = (await t.ok(CREATE_ORDER, { input }, BUYER)).createPurchaseOrder;
    const retry = (await t.ok(CREATE_ORDER, { input }, BUYER)).createPurchaseOrder;
    expect(retry.id).toBe(first.id);
    const other = await t.gql(CREATE_ORDER, { input: { ...input, notes: 'different' } }, BUYER);
    expect(codes(other)).toEqual(['CONFLICT']);
    // Keys are per organization: another anchor may use the same one.
    const theirs = await t.gql(
      CREATE_ORDER,
      {
        input: {
          ...input,
          supplierId: ORG.bearings,
          lines: [{ partId: demoPartId('anchor2', 'DF-BRG-501'), quantity: '1', unitPrice: '1', requestedDate: '2026-12-01' }],
        },
      },
      BUYER2,
    );
    expect(codes(theirs)).toEqual([]);

    const concurrent = { ...input, idempotencyKey: 'erp-batch-0002' };
    const token = await t.tokenFor(BUYER);
    const results = await Promise.all(Array.from({ length: 5 }, () => t.gql(CREATE_ORDER, { input: concurrent }, token)));
    expect(results.map(codes).flat()).toEqual([]);
    expect(new Set(results.map((r) => r.data!.createPurchaseOrder.id)).size).toBe(1);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM purchase_orders WHERE id = $1`, [results[0].data!.createPurchaseOrder.id]);
    expect(n).toBe(1);
    const [{ keys }] = await t.sql(`SELECT count(*)::int AS keys FROM idempotency_keys WHERE key = 'erp-batch-0002'`);
    expect(keys).toBe(1);
  });

  it('keeps shipments within the confirmed quantity (plus the anchor tolerance) and receipts within what was shipped', async () => {
    let order = await publishedOrder(t);
    order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder;
    const line = order.lines[0];
    const ship = (quantity: string, key?: string) =>
      t.gql(
        SHIP,
        {
          input: {
            purchaseOrderId: order.id,
            shipDate: '2026-12-01',
            expectedArrival: '2026-12-03',
            lines: [{ lineId: line.id, quantity }],
            idempotencyKey: key,
          },
        },
        CASTINGS,
      );
    const over = await ship('10.5');
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors![0].message).toContain('10.5');
    expect(codes(await ship('0'))).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await t.gql(
          SHIP,
          {
            input: {
              purchaseOrderId: order.id,
              shipDate: '2026-12-05',
              expectedArrival: '2026-12-03',
              lines: [{ lineId: line.id, quantity: '1' }],
            },
          },
          CASTINGS,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    await t.sql(`UPDATE organizations SET over_shipment_tolerance_pct = 10 WHERE id = $1`, [ORG.anchor]);
    try {
      const notice = (await ship('11', 'asn-1')).data!.createShipmentNotice;
      expect((await ship('11', 'asn-1')).data!.createShipmentNotice.id).toBe(notice.id);
      expect(codes(await ship('0.1'))).toEqual(['BAD_USER_INPUT']);
      const receive = (quantity: string) =>
        t.gql(RECEIVE, { input: { shipmentNoticeId: notice.id, receivedOn: '2026-12-03', lines: [{ lineId: line.id, quantity }] } }, BUYER);
      expect(codes(await receive('11.5'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await receive('8'))).toEqual([]);
      expect(codes(await receive('3.5'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await receive('3'))).toEqual([]);
      expect(
        codes(
          await t.gql(
            RECEIVE,
            { input: { shipmentNoticeId: notice.id, receivedOn: '2026-12-03', lines: [{ lineId: order.lines[1].id, quantity: '1' }] } },
            BUYER,
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    } finally {
      await t.sql(`UPDATE organizations SET over_shipment_tolerance_pct = 0 WHERE id = $1`, [ORG.anchor]);
    }
  });

  it('refuses bad decimals, dates and references, and stores nothing', async () => {
    const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM purchase_orders`);
    const attempt = (line: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      t.gql(
        CREATE_ORDER,
        { input: { supplierId: ORG.castings, currency: 'CNY', lines: [{ ...castingsLines()[0], ...line }], ...extra } },
        BUYER,
      );
    for (const bad of [
      { quantity: '0' },
      { quantity: '-1' },
      { quantity: '1.1234567' },
      { quantity: 1.5 },
      { quantity: '1e3' },
      { unitPrice: '-0.01' },
      { quantity: '1234567890123456789' },
      { requestedDate: '2026-02-30' },
      { requestedDate: '2026/12/01' },
    ]) {
      expect({ bad, codes: codes(await attempt(bad)) }).toEqual({ bad, codes: ['BAD_USER_INPUT'] });
    }
    expect(codes(await attempt({}, { lines: [] }))).toEqual(['BAD_USER_INPUT']);
    const currency = await attempt({}, { currency: 'XYZ' });
    expect(codes(currency)).toEqual(['VALIDATION_FAILED']);
    expect(currency.errors![0].extensions.violations).toEqual([
      { path: 'currency', rule: 'codeList', message: '“XYZ”不在代码表 CURRENCY 中' },
    ]);
    const unmapped = await attempt({ partId: demoPartId('anchor', 'YH-HYD-3001') });
    expect(codes(unmapped)).toEqual(['BAD_USER_INPUT']);
    expect(unmapped.errors![0].message).toContain('YH-HYD-3001');
    expect(codes(await attempt({ partId: demoPartId('anchor2', 'DF-BRG-501') }))).toEqual(['NOT_FOUND']);
    expect(codes(await attempt({}, { number: 'bad number!' }))).toEqual(['BAD_USER_INPUT']);
    const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM purchase_orders`);
    expect(after).toBe(before);

    const named = await createOrder(t, { number: 'YH-2026-A1' });
    expect(named.number).toBe('YH-2026-A1');
    expect(
      codes(
        await t.gql(
          CREATE_ORDER,
          { input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines(), number: 'YH-2026-A1' } },
          BUYER,
        ),
      ),
    ).toEqual(['CONFLICT']);
  });

  it('orders only from ACTIVE partners', async () => {
    await t.sql(`UPDATE partnerships SET status = 'SUSPENDED' WHERE anchor_org_id = $1 AND supplier_org_id = $2`, [
      ORG.anchor,
      ORG.castings,
    ]);
    try {
      expect(
        codes(await t.gql(CREATE_ORDER, { input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines() } }, BUYER)),
      ).toEqual(['BAD_USER_INPUT']);
    } finally {
      await t.sql(`UPDATE partnerships SET status = 'ACTIVE' WHERE anchor_org_id = $1 AND supplier_org_id = $2`, [
        ORG.anchor,
        ORG.castings,
      ]);
    }
    expect(
      codes(await t.gql(CREATE_ORDER, { input: { supplierId: ORG.bearings, currency: 'CNY', lines: castingsLines() } }, BUYER2)),
    ).toEqual(['NOT_FOUND']);
  });

  it('leaves each role to its own side', async () => {
    const order = await publishedOrder(t);
    expect(
      codes(await t.gql(CREATE_ORDER, { input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines() } }, PLANNER)),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.gql(CREATE_ORDER, { input: { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines() } }, ANCHOR_ADMIN)),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CONFIRM, { id: order.id, v: order.version }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CANCEL, { id: order.id, v: order.version, reason: 'x' }, CASTINGS))).toEqual(['FORBIDDEN']);
  });

  it('answers other tenants NOT_FOUND on every query and mutation, exactly as for a missing order', async () => {
    const order = await publishedOrder(t);
    const line = order.lines[0].id;
    const notice = (
      await t.ok(
        SHIP,
        {
          input: {
            purchaseOrderId: (await t.ok(CONFIRM, { id: order.id, v: order.version }, CASTINGS)).confirmPurchaseOrder.id,
            shipDate: '2026-12-01',
            expectedArrival: '2026-12-02',
            lines: [{ lineId: line, quantity: '1' }],
          },
        },
        CASTINGS,
      )
    ).createShipmentNotice;
    const v = notice.purchaseOrder.version;
    const operations: [string, (id: string) => Record<string, unknown>, string[]][] = [
      [ORDER, (id) => ({ id }), [HYDRAULICS, BEARINGS, BUYER2]],
      [`query($id: ID!) { shipmentNotices(purchaseOrderId: $id) { id } }`, (id) => ({ id }), [HYDRAULICS, BEARINGS, BUYER2]],
      [RESPOND, (id) => ({ id, v, lines: [{ lineId: line, decision: 'ACCEPT' }] }), [HYDRAULICS, BEARINGS]],
      [CONFIRM, (id) => ({ id, v }), [HYDRAULICS, BEARINGS]],
      [
        SHIP,
        (id) => ({
          input: { purchaseOrderId: id, shipDate: '2026-12-01', expectedArrival: '2026-12-02', lines: [{ lineId: line, quantity: '1' }] },
        }),
        [HYDRAULICS, BEARINGS],
      ],
      [PUBLISH_ORDER, (id) => ({ id, v }), [BUYER2]],
      [RESOLVE, (id) => ({ id, v, r: [{ lineId: line, accept: true }] }), [BUYER2]],
      [REVISE, (id) => ({ id, v, c: [{ lineId: line, quantity: '2' }] }), [BUYER2]],
      [CANCEL, (id) => ({ id, v, reason: 'x' }), [BUYER2]],
      [CLOSE, (id) => ({ id, v }), [BUYER2]],
    ];
    for (const [query, vars, outsiders] of operations) {
      for (const as of outsiders) {
        const foreign = await t.gql(query, vars(order.id), as);
        const missing = await t.gql(query, vars(MISSING_ID), as);
        expect({ query: query.slice(0, 40), as, codes: codes(foreign) }).toEqual({ query: query.slice(0, 40), as, codes: ['NOT_FOUND'] });
        expect(foreign.errors![0].message).toBe(missing.errors![0].message);
      }
    }
    const receipt = await t.gql(
      RECEIVE,
      { input: { shipmentNoticeId: notice.id, receivedOn: '2026-12-02', lines: [{ lineId: line, quantity: '1' }] } },
      BUYER2,
    );
    expect(codes(receipt)).toEqual(['NOT_FOUND']);
    for (const as of [HYDRAULICS, BEARINGS, BUYER2]) {
      const ids = (await t.ok(ORDERS, { first: 200 }, as)).purchaseOrders.nodes.map((o: any) => o.id);
      expect(ids).not.toContain(order.id);
    }
    const [row] = await t.sql(`SELECT version FROM purchase_orders WHERE id = $1`, [order.id]);
    expect(row.version).toBe(v);
  });

  it('lists with filters and keyset pagination', async () => {
    const hydraulics = await createOrder(t, {
      supplierId: ORG.hydraulics,
      lines: [{ partId: demoPartId('anchor', 'YH-HYD-3003'), quantity: '2', unitPrice: '56000', requestedDate: '2027-01-10' }],
    });
    const bySupplier = (await t.ok(ORDERS, { filter: { supplierId: ORG.hydraulics } }, BUYER)).purchaseOrders;
    expect(bySupplier.nodes.map((o: any) => o.id)).toEqual([hydraulics.id]);
    const byPart = (await t.ok(ORDERS, { filter: { search: 'YH-HYD-3003' } }, BUYER)).purchaseOrders;
    expect(byPart.nodes.map((o: any) => o.id)).toEqual([hydraulics.id]);
    const byNumber = (await t.ok(ORDERS, { filter: { search: hydraulics.number } }, BUYER)).purchaseOrders;
    expect(byNumber.nodes.map((o: any) => o.id)).toEqual([hydraulics.id]);
    const drafts = (await t.ok(ORDERS, { filter: { status: ['DRAFT'] }, first: 200 }, BUYER)).purchaseOrders;
    expect(drafts.nodes.every((o: any) => o.status === 'DRAFT')).toBe(true);
    expect(drafts.nodes.map((o: any) => o.id)).toContain(hydraulics.id);

    const all = (await t.ok(ORDERS, { first: 200 }, BUYER)).purchaseOrders;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await t.ok(ORDERS, { first: 3, after }, BUYER)).purchaseOrders;
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.nodes.map((o: any) => o.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((o: any) => o.id));
    expect(codes(await t.gql(ORDERS, { after: 'bogus' }, BUYER))).toEqual(['BAD_USER_INPUT']);
    const since = (await t.ok(ORDERS, { filter: { updatedSince: new Date(Date.now() + 60_000).toISOString() } }, BUYER)).purchaseOrders;
    expect(since.totalCount).toBe(0);

    // First revisions and revised orders, as the supplier's inbox tells new orders from revised ones.
    const published = (await t.ok(PUBLISH_ORDER, { id: hydraulics.id, v: hydraulics.version }, BUYER)).publishPurchaseOrder;
    const revisedIds = async (revised: boolean) =>
      (await t.ok(ORDERS, { filter: { status: ['PUBLISHED'], revised }, first: 200 }, HYDRAULICS)).purchaseOrders.nodes.map(
        (o: any) => o.id,
      );
    expect(await revisedIds(false)).toContain(hydraulics.id);
    expect(await revisedIds(true)).not.toContain(hydraulics.id);
    await t.ok(REVISE, { id: hydraulics.id, v: published.version, c: [{ lineId: published.lines[0].id, quantity: '3' }] }, BUYER);
    expect(await revisedIds(false)).not.toContain(hydraulics.id);
    expect(await revisedIds(true)).toContain(hydraulics.id);
  });
});
