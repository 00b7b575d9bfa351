import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { TestApp } from './support/test-app.js';
import { BUYER, BUYER2, CASTINGS, HYDRAULICS, ORG } from './support/fixtures.js';
import { createOrder, ORDER, publishedOrder } from './support/orders.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'OrderLine',
});

/** A UBL 2.1 OrderResponse as a supplier's ERP would send it. */
function orderResponse(code: 'AP' | 'RE' | 'CA', orderNumber: string, lines: string[] = [], note?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OrderResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  <cbc:ID>RESP-${orderNumber}</cbc:ID>
  <cbc:IssueDate>2026-11-28</cbc:IssueDate>
  <cbc:OrderResponseCode>${code}</cbc:OrderResponseCode>
  ${note ? `<cbc:Note>${note}</cbc:Note>` : ''}
  <cac:OrderReference><cbc:ID>${orderNumber}</cbc:ID></cac:OrderReference>
  ${lines.join('\n  ')}
</OrderResponse>`;
}

const line = (lineNumber: number, status: string, extra = '') =>
  `<cac:OrderLine><cac:LineItem><cbc:ID>${lineNumber}</cbc:ID><cbc:LineStatusCode>${status}</cbc:LineStatusCode>${extra}</cac:LineItem></cac:OrderLine>`;

describe('UBL 2.1 interchange and exports (REST)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string, as: string) => t.http.get(path).set('authorization', `Bearer ${await t.tokenFor(as)}`);
  const postUbl = async (id: string, xml: string, as = CASTINGS, ifMatch?: string) => {
    let req = t.http
      .post(`/api/purchase-orders/${id}/ubl-response`)
      .set('authorization', `Bearer ${await t.tokenFor(as)}`)
      .set('content-type', 'application/xml');
    if (ifMatch) req = req.set('if-match', ifMatch);
    return req.send(xml);
  };
  const order = async (id: string) => (await t.ok(ORDER, { id }, BUYER)).purchaseOrder;

  describe('GET /api/purchase-orders/:id/ubl', () => {
    it('returns the order as a UBL 2.1 Order, with its version as the ETag', async () => {
      const published = await publishedOrder(t);
      const res = await get(`/api/purchase-orders/${published.id}/ubl`, CASTINGS);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      expect(res.headers.etag).toBe(`"${published.version}"`);
      const xml = res.text;
      expect(xml).toContain('xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"');
      const doc = parser.parse(xml).Order;
      expect(doc.UBLVersionID).toBe('2.1');
      expect(doc.ID).toBe(published.number);
      expect(doc.UUID).toBe(published.id);
      expect(doc.DocumentCurrencyCode).toBe('CNY');
      expect(doc.BuyerCustomerParty.Party.PartyName.Name).toBe(published.anchor.name);
      expect(doc.SellerSupplierParty.Party.PartyName.Name).toBe(published.supplier.name);
      expect(doc.AnticipatedMonetaryTotal.PayableAmount).toEqual({ '#text': '16426', '@_currencyID': 'CNY' });
      expect(
        doc.OrderLine.map((l: any) => [
          l.LineItem.ID,
          l.LineItem.Quantity['#text'],
          l.LineItem.Quantity['@_unitCode'],
          l.LineItem.Price.PriceAmount['#text'],
          l.LineItem.Item.BuyersItemIdentification.ID,
        ]),
      ).toEqual([
        ['1', '10', published.lines[0].uom, '1250.5', 'YH-CST-1001'],
        ['2', '4', published.lines[1].uom, '980.25', 'YH-CST-1003'],
      ]);
      expect(doc.OrderLine[0].LineItem.Delivery.RequestedDeliveryPeriod.EndDate).toBe('2026-12-15');
    });

    it('answers 404 for an order the caller may not see, and 401 without credentials', async () => {
      const draft = await createOrder(t);
      for (const as of [CASTINGS, HYDRAULICS, BUYER2]) {
        const res = await get(`/api/purchase-orders/${draft.id}/ubl`, as);
        expect({ as, status: res.status, code: res.body.error?.code }).toEqual({ as, status: 404, code: 'NOT_FOUND' });
      }
      expect((await get('/api/purchase-orders/not-a-uuid/ubl', BUYER)).status).toBe(404);
      const anonymous = await t.http.get(`/api/purchase-orders/${draft.id}/ubl`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /api/purchase-orders/:id/ubl-response', () => {
    it('round trip: export, answer per line (CA), and the order is exactly as respondToPurchaseOrder leaves it', async () => {
      const published = await publishedOrder(t);
      const exported = await get(`/api/purchase-orders/${published.id}/ubl`, CASTINGS);
      const doc = parser.parse(exported.text).Order;
      const res = await postUbl(
        published.id,
        orderResponse(
          'CA',
          doc.ID,
          [
            line(1, '5'),
            line(
              2,
              '3',
              `<cbc:Quantity unitCode="H87">3</cbc:Quantity><cac:Delivery><cac:PromisedDeliveryPeriod><cbc:EndDate>2026-12-22</cbc:EndDate></cac:PromisedDeliveryPeriod></cac:Delivery>`,
            ),
          ],
          '二号件排产已满',
        ),
        CASTINGS,
        exported.headers.etag,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: published.id,
        number: published.number,
        status: 'CHANGE_PROPOSED',
        version: published.version + 1,
      });
      const after = await order(published.id);
      expect(after.status).toBe('CHANGE_PROPOSED');
      expect(after.lines.map((l: any) => l.status)).toEqual(['ACCEPTED', 'CHANGE_PROPOSED']);
      expect(after.lines[1].proposal).toMatchObject({
        quantity: '3',
        deliveryDate: '2026-12-22',
        reasonCode: 'QUANTITY_CHANGED',
        reason: '二号件排产已满',
      });
      const responded = after.events.find((e: any) => e.type === 'RESPONDED');
      expect(responded.actor.email).toBe(CASTINGS);
    });

    it('AP accepts every line (the order is confirmed); RE rejects them all', async () => {
      const a = await publishedOrder(t);
      const accepted = await postUbl(a.id, orderResponse('AP', a.number));
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('CONFIRMED');
      expect((await order(a.id)).lines.map((l: any) => l.status)).toEqual(['ACCEPTED', 'ACCEPTED']);

      const r = await publishedOrder(t);
      const rejected = await postUbl(r.id, orderResponse('RE', r.number, [], '停产'));
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('REJECTED');
      const lines = (await order(r.id)).lines;
      expect(lines.map((l: any) => l.status)).toEqual(['REJECTED', 'REJECTED']);
    });

    it('refuses malformed documents, unknown lines and stale versions with the reasons, applying nothing', async () => {
      const published = await publishedOrder(t);
      const snapshot = async () => ({
        order: await order(published.id),
        audit: (await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [published.id]))[0].n,
        outbox: (await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE entity_id = $1`, [published.id]))[0].n,
      });
      const before = await snapshot();
      const cases: [string, string, number, RegExp][] = [
        ['not XML', 'this is not xml <', 400, /well-formed/],
        ['truncated', orderResponse('AP', published.number).slice(0, 200), 400, /well-formed/],
        [
          'wrong document',
          '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>',
          400,
          /not a UBL 2.1 OrderResponse/,
        ],
        [
          'DOCTYPE',
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${orderResponse('AP', published.number).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`,
          400,
          /DOCTYPE/,
        ],
        ['bad code', orderResponse('XX' as 'AP', published.number), 400, /OrderResponseCode/],
        ['unknown line', orderResponse('CA', published.number, [line(1, '5'), line(7, '5')]), 400, /line 7 is not a line/],
        ['bad status', orderResponse('CA', published.number, [line(1, '9')]), 400, /LineStatusCode/],
        ['bad quantity', orderResponse('CA', published.number, [line(2, '3', '<cbc:Quantity>lots</cbc:Quantity>')]), 400, /not a decimal/],
        ['other order', orderResponse('AP', 'PO-SOMEONE-ELSE'), 400, /not this order/],
        ['empty', '', 400, /empty/],
      ];
      for (const [label, xml, status, reason] of cases) {
        const res = await postUbl(published.id, xml);
        expect({ label, status: res.status, code: res.body.error?.code }).toEqual({ label, status, code: 'BAD_USER_INPUT' });
        expect({ label, message: reason.test(JSON.stringify(res.body.error)) }).toEqual({ label, message: true });
      }
      const unknown = await postUbl(published.id, orderResponse('CA', published.number, [line(7, '5'), line(8, '7')]));
      expect(unknown.body.error.errors.map((e: any) => e.message)).toEqual([
        `line 7 is not a line of order ${published.number}`,
        `line 8 is not a line of order ${published.number}`,
      ]);
      // Refused by the body parser before the handler: the same error shape.
      const huge = await postUbl(published.id, `<x>${'x'.repeat(6 * 2 ** 20)}</x>`);
      expect({ status: huge.status, code: huge.body.error?.code }).toEqual({ status: 413, code: 'BAD_USER_INPUT' });
      expect(huge.body.error.message).toMatch(/too large/);
      const notJson = await t.http
        .post(`/api/purchase-orders/${published.id}/ubl-response`)
        .set('authorization', `Bearer ${await t.tokenFor(CASTINGS)}`)
        .set('content-type', 'application/json')
        .send('{"oops":');
      expect({ status: notJson.status, code: notJson.body.error?.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(notJson.headers['x-powered-by']).toBeUndefined();
      const stale = await postUbl(published.id, orderResponse('AP', published.number), CASTINGS, `"${published.version - 1}"`);
      expect({ status: stale.status, code: stale.body.error.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect(await snapshot()).toEqual(before);
    });

    it('is for the supplier of the order only', async () => {
      const published = await publishedOrder(t);
      const buyer = await postUbl(published.id, orderResponse('AP', published.number), BUYER);
      expect({ status: buyer.status, code: buyer.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      const other = await postUbl(published.id, orderResponse('AP', published.number), HYDRAULICS);
      expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect((await order(published.id)).status).toBe('PUBLISHED');
    });
  });

  describe('exports', () => {
    it("streams CSV with a BOM, one row per line, headers in the caller's language, filtered like the GraphQL list", async () => {
      const published = await publishedOrder(t);
      const res = await get(`/api/purchase-orders/export.csv?status=PUBLISHED&supplierId=${ORG.castings}`, BUYER);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toContain('purchase-orders.csv');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const rows = res.text.slice(1).trim().split('\r\n');
      expect(rows[0].split(',').slice(0, 3)).toEqual(['订单号', '订单状态', '版次']);
      const mine = rows.filter((r) => r.startsWith(`${published.number},`));
      expect(mine).toHaveLength(2);
      expect(mine[0]).toContain(',YH-CST-1001,');
      expect(mine[0]).toContain(',10,');
      expect(mine[0]).toContain(',12505,');
      expect(rows.slice(1).every((r) => r.split(',')[1] === 'PUBLISHED')).toBe(true);

      // A user who reads English gets English headers (the locale of the signed-in user's profile).
      await t.sql(`UPDATE users SET locale = 'en' WHERE email = $1`, [BUYER2]);
      const english = await t.http
        .get('/api/purchase-orders/export.csv')
        .set('authorization', `Bearer ${await t.tokenFor(BUYER2, undefined, true)}`);
      expect(english.text.slice(1).split('\r\n')[0].startsWith('Order number,Order status')).toBe(true);

      // The supplier exports only its own orders; another anchor sees none of these.
      const supplier = await get('/api/purchase-orders/export.csv', CASTINGS);
      expect(supplier.text).toContain(published.number);
      const other = await get('/api/purchase-orders/export.csv', BUYER2);
      expect(other.text).not.toContain(published.number);

      const bad = await get('/api/purchase-orders/export.csv?status=SHIPPED,TELEPORTED', BUYER);
      expect({ status: bad.status, code: bad.body.error.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      const badDate = await get('/api/purchase-orders/export.csv?updatedSince=yesterday', BUYER);
      expect(badDate.status).toBe(400);
    });

    it('refuses bad parameters with 400 in the REST error shape before sending anything (CSV and Excel alike)', async () => {
      const cases: [string, string, RegExp][] = [
        ['search=%00', 'search', /NUL/],
        ['search=YH%00CST', 'search', /NUL/],
        ['supplierId=%00', 'supplierId', /NUL/],
        ['updatedSince=-271821-04-20T00:00:00Z', 'updatedSince', /1900.*9999/],
        ['updatedSince=275760-09-13T00:00:00Z', 'updatedSince', /1900.*9999/],
        ['updatedSince=0001-01-01T00:00:00Z', 'updatedSince', /1900.*9999/],
        ['updatedSince=2026-12-01', 'updatedSince', /time zone/],
        ['updatedSince=2026-02-30T00:00:00Z', 'updatedSince', /ISO 8601/],
        ['status=PUBLISHED&status=DRAFT', 'status', /once/],
        ['search=a&search=b', 'search', /once/],
      ];
      for (const format of ['csv', 'xlsx']) {
        for (const [query, field, message] of cases) {
          const res = await t.http
            .get(`/api/purchase-orders/export.${format}?${query}`)
            .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`)
            .set('accept-language', 'en');
          expect({ format, query, status: res.status, type: res.headers['content-type'] }).toEqual({
            format,
            query,
            status: 400,
            type: expect.stringMatching(/^application\/json/),
          });
          expect(res.headers['content-disposition']).toBeUndefined();
          expect(res.body).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(message), field } });
        }
      }
      const zh = await get('/api/purchase-orders/export.csv?search=%00', BUYER);
      expect(zh.body.error.message).toBe('查询参数 search 不能包含 NUL（\\u0000）字符');
      // The API is still there, and a good request still exports.
      expect((await get('/api/purchase-orders/export.csv?updatedSince=2026-01-01T00:00:00%2B08:00', BUYER)).status).toBe(200);
    });

    it('streams an Excel workbook with numbers as numbers', async () => {
      const published = await publishedOrder(t);
      const res = await t.http
        .get(`/api/purchase-orders/export.xlsx?search=${encodeURIComponent(published.number)}`)
        .set('authorization', `Bearer ${await t.tokenFor(BUYER)}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('采购订单');
      expect(sheet.getRow(1).getCell(1).value).toBe('订单号');
      const values = [2, 3].map((r) => [
        sheet.getRow(r).getCell(1).value,
        sheet.getRow(r).getCell(7).value,
        sheet.getRow(r).getCell(11).value,
        sheet.getRow(r).getCell(14).value,
      ]);
      expect(values).toEqual([
        [published.number, 1, 10, 12505],
        [published.number, 2, 4, 3921],
      ]);
      expect(sheet.rowCount).toBe(3);
    });
  });
});
