import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { businessToday } from '@anchorlink/core';
import { TestApp } from './support/test-app.js';
import { BEARINGS, BUYER, BUYER2, CASTINGS, demoPartId, ORG } from './support/fixtures.js';
import { CREATE_ORDER, PUBLISH_ORDER, RESPOND, SHIP } from './support/orders.js';

/**
 * Shipment notice numbers run per supplier and anchor: 华东轴承 serves 远航重工
 * and 东方精机, and neither anchor can count the shipments it makes to the
 * other from the numbers it receives.
 */
describe('shipment notice numbers', () => {
  let t: TestApp;
  const year = businessToday().slice(0, 4);
  const asn = (n: number) => `ASN-${year}-${String(n).padStart(6, '0')}`;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An order of `buyer` to `supplier` for one part, published and accepted by the supplier. */
  async function acceptedOrder(buyer: string, supplierId: string, supplier: string, partId: string) {
    const input = { supplierId, currency: 'CNY', lines: [{ partId, quantity: '10', unitPrice: '12.5', requestedDate: '2026-12-20' }] };
    const draft = (await t.ok(CREATE_ORDER, { input }, buyer)).createPurchaseOrder;
    const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, buyer)).publishPurchaseOrder;
    const lines = published.lines.map((l: any) => ({ lineId: l.id, decision: 'ACCEPT' }));
    return (await t.ok(RESPOND, { id: published.id, v: published.version, lines }, supplier)).respondToPurchaseOrder;
  }

  async function ship(order: any, supplier: string, quantity = '2'): Promise<string> {
    const input = {
      purchaseOrderId: order.id,
      shipDate: '2026-12-10',
      expectedArrival: '2026-12-12',
      lines: [{ lineId: order.lines[0].id, quantity }],
    };
    return (await t.ok(SHIP, { input }, supplier)).createShipmentNotice.number;
  }

  it('counts per supplier and anchor: a supplier serving two anchors numbers each from 1', async () => {
    const toYuanhang = await acceptedOrder(BUYER, ORG.bearings, BEARINGS, demoPartId('anchor', 'YH-BRG-2002'));
    const toDongfang = await acceptedOrder(BUYER2, ORG.bearings, BEARINGS, demoPartId('anchor2', 'DF-BRG-501'));
    expect(await ship(toYuanhang, BEARINGS)).toBe(asn(1));
    expect(await ship(toYuanhang, BEARINGS)).toBe(asn(2));
    expect(await ship(toDongfang, BEARINGS)).toBe(asn(1));
    expect(await ship(toYuanhang, BEARINGS)).toBe(asn(3));
    expect(await ship(toDongfang, BEARINGS)).toBe(asn(2));
    const rows = await t.sql(
      `SELECT anchor_org_id, array_agg(number ORDER BY number) AS numbers FROM shipment_notices WHERE supplier_org_id = $1 GROUP BY 1`,
      [ORG.bearings],
    );
    expect(Object.fromEntries(rows.map((r) => [r.anchor_org_id, r.numbers]))).toEqual({
      [ORG.anchor]: [asn(1), asn(2), asn(3)],
      [ORG.anchor2]: [asn(1), asn(2)],
    });
  });

  it('keeps the numbers already issued and continues after the highest one of the pair', async () => {
    const order = await acceptedOrder(BUYER, ORG.castings, CASTINGS, demoPartId('anchor', 'YH-CST-1001'));
    // A notice numbered by the supplier-wide sequence before this change.
    await t.sql(
      `INSERT INTO shipment_notices (number, order_id, anchor_org_id, supplier_org_id, ship_date, expected_arrival)
       VALUES ($1, $2, $3, $4, '2026-12-01', '2026-12-02')`,
      [asn(41), order.id, ORG.anchor, ORG.castings],
    );
    expect(await ship(order, CASTINGS)).toBe(asn(42));
    expect(await ship(order, CASTINGS)).toBe(asn(43));
    const [legacy] = await t.sql(`SELECT count(*)::int AS n FROM shipment_notices WHERE number = $1 AND supplier_org_id = $2`, [
      asn(41),
      ORG.castings,
    ]);
    expect(legacy.n).toBe(1);
  });
});
