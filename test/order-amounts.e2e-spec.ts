import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { BUYER, demoPartId, ORG } from './support/fixtures.js';
import { CREATE_ORDER, publishedOrder, REVISE } from './support/orders.js';

const MAX = '999999999999999999999999.999999'; // numeric(30,6), purchase_orders.total_amount

/**
 * Quantities and prices are numeric(24,6) each, an order's total numeric(30,6):
 * a product of two valid values can exceed it. That is the caller's input,
 * so it is BAD_USER_INPUT naming the line, never "numeric field overflow".
 */
describe('order amounts beyond what an order can hold', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const line = (quantity: string, unitPrice: string, part = 'YH-CST-1001') => ({
    partId: demoPartId('anchor', part),
    quantity,
    unitPrice,
    requestedDate: '2026-12-15',
  });
  const create = (lines: unknown[], headers: Record<string, string> = {}) =>
    t.gql(CREATE_ORDER, { input: { supplierId: ORG.castings, currency: 'CNY', lines } }, BUYER, headers);
  const orderCount = async () => (await t.sql(`SELECT count(*)::int AS n FROM purchase_orders`))[0].n;

  it('refuses a line whose quantity × unit price exceeds an amount, naming it, in both languages', async () => {
    const before = await orderCount();
    const en = await create([line('10', '1'), line('999999999999999999', '999999999999999999', 'YH-CST-1003')], {
      'accept-language': 'en',
    });
    expect(codes(en)).toEqual(['BAD_USER_INPUT']);
    expect(en.errors![0].message).toBe(`lines[1] (line 2): quantity × unit price exceeds the largest amount an order can hold, ${MAX}`);
    expect(en.errors![0].extensions.field).toBe('lines[1]');
    const zh = await create([line('999999999999999999', '999999999999999999')]);
    expect(zh.errors![0].message).toBe(`lines[0]（第 1 行）：数量 × 单价超出订单可容纳的最大金额 ${MAX}`);
    expect(await orderCount()).toBe(before);
  });

  it('refuses an order whose total exceeds an amount although each line fits', async () => {
    const before = await orderCount();
    const res = await create([line('600000000000000000', '1000000'), line('600000000000000000', '1000000', 'YH-CST-1003')], {
      'accept-language': 'en',
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toBe(
      `lines: the order total (quantity × unit price over all lines) exceeds the largest amount an order can hold, ${MAX}`,
    );
    expect(await orderCount()).toBe(before);
    // Just within: accepted, exactly.
    const fits = await create([line('999999999999', '999999999999')]);
    expect(codes(fits)).toEqual([]);
    expect(fits.data!.createPurchaseOrder.totalAmount).toBe('999999999998000000000001');
    // The export and UBL multiply exactly too (decimal.js's default 20 digits rounded the last ones away).
    const csv = await t.http
      .get(`/api/purchase-orders/export.csv?search=${fits.data!.createPurchaseOrder.number}`)
      .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`);
    expect(csv.text).toContain(',999999999998000000000001,');
    const ubl = await t.http
      .get(`/api/purchase-orders/${fits.data!.createPurchaseOrder.id}/ubl`)
      .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`);
    expect(ubl.text).toContain('>999999999998000000000001<');
  });

  it('refuses a revision that would take a line or the total beyond it, and changes nothing', async () => {
    const order = await publishedOrder(t);
    const [first] = order.lines;
    const tooMuch = await t.gql(
      REVISE,
      { id: order.id, v: order.version, c: [{ lineId: first.id, quantity: '999999999999999999', unitPrice: '999999999' }] },
      BUYER,
      { 'accept-language': 'en' },
    );
    expect(codes(tooMuch)).toEqual(['BAD_USER_INPUT']);
    expect(tooMuch.errors![0].message).toMatch(/^changes\[0\] \(line 1\): quantity × unit price exceeds/);
    const touch = { lineId: first.id, quantity: '11' };
    const added = await t.gql(
      REVISE,
      {
        id: order.id,
        v: order.version,
        c: [
          touch,
          {
            partId: demoPartId('anchor', 'YH-CST-1005'),
            quantity: '999999999999999999',
            unitPrice: '999999999999999999',
            requestedDate: '2027-01-05',
          },
        ],
      },
      BUYER,
      { 'accept-language': 'en' },
    );
    expect(added.errors?.[0]?.message).toMatch(/^changes\[1\] \(line 3\): quantity × unit price exceeds/);
    const big = (part: string) => ({
      partId: demoPartId('anchor', part),
      quantity: '600000000000000000',
      unitPrice: '1000000',
      requestedDate: '2027-01-05',
    });
    const total = await t.gql(REVISE, { id: order.id, v: order.version, c: [touch, big('YH-CST-1005'), big('YH-CST-1002')] }, BUYER, {
      'accept-language': 'en',
    });
    expect(total.errors?.[0]?.message).toMatch(/^changes: the order total/);
    const [row] = await t.sql(
      `SELECT version, revision, total_amount::text AS total, (SELECT count(*)::int FROM purchase_order_lines WHERE order_id = $1) AS lines FROM purchase_orders WHERE id = $1`,
      [order.id],
    );
    expect(row).toEqual({ version: order.version, revision: 1, total: '16426.000000', lines: 2 });
  });
});
