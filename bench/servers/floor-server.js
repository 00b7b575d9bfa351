// The raw-SQL floor: what a perfect server would do per request. Verify the
// token, then one transaction on a pool: BEGIN and the tenant settings in one
// round trip, the one hand-written query (JSON built by PostgreSQL), COMMIT.
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
// A KeyObject, as Anchorlink does: given a string, jsonwebtoken tries to parse it as a public key
// on every verification (over a third of this server's CPU in a profile).
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LINES = `(SELECT json_agg(json_build_object('lineNumber', l.line_number, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::text,
    'requestedDate', l.requested_date, 'status', l.status, 'part', json_build_object('partNumber', p.part_number, 'description', p.description, 'uom', p.uom))
    ORDER BY l.line_number) FROM purchase_order_lines l JOIN parts p ON p.id = l.part_id WHERE l.order_id = o.id)`;

const QUERIES = {
  s1: `SELECT json_build_object('id', o.id, 'number', o.number, 'status', o.status, 'totalAmount', o.total_amount::text, 'lines', ${LINES}) AS body
         FROM purchase_orders o WHERE o.id = $1`,
  s2: `SELECT coalesce(json_agg(x), '[]') AS body FROM (
         SELECT o.id, o.number, o.status, o.total_amount::text AS "totalAmount", json_build_object('name', a.name) AS anchor, ${LINES} AS lines
           FROM purchase_orders o JOIN organizations a ON a.id = o.anchor_org_id
          WHERE o.supplier_org_id = $1 ORDER BY o.updated_at DESC, o.id DESC LIMIT 50) x`,
  s3: `SELECT coalesce(json_agg(x), '[]') AS body FROM (
         SELECT o.id, o.number, o.status, o.total_amount::text AS "totalAmount", json_build_object('name', s.name) AS supplier
           FROM purchase_orders o JOIN organizations s ON s.id = o.supplier_org_id
          WHERE o.anchor_org_id = $1 AND o.status = 'PUBLISHED' ORDER BY o.updated_at DESC, o.id DESC LIMIT 50) x`,
  s4: `WITH o AS (
         UPDATE purchase_orders SET status = 'CONFIRMED', version = version + 1, confirmed_at = now(), updated_at = now()
          WHERE id = $2 AND version = $3 AND supplier_org_id = $1 AND status = 'PUBLISHED'
          RETURNING id, anchor_org_id, supplier_org_id, revision, version, status),
       l AS (
         UPDATE purchase_order_lines SET status = 'ACCEPTED', confirmed_quantity = quantity, confirmed_date = requested_date, confirmed_unit_price = unit_price
          WHERE order_id IN (SELECT id FROM o) AND status = 'PENDING' RETURNING 1),
       e AS (
         INSERT INTO order_events (order_id, anchor_org_id, supplier_org_id, type, revision, details, supplier_visible)
         SELECT id, anchor_org_id, supplier_org_id, 'CONFIRMED', revision, '{}', true FROM o RETURNING 1)
       SELECT json_build_object('id', o.id, 'status', o.status, 'version', o.version, 'lines', (SELECT count(*) FROM l), 'events', (SELECT count(*) FROM e)) AS body FROM o`,
  s5: `SELECT coalesce(json_agg(x.line ORDER BY x.pn), '[]') AS body FROM (
         SELECT p.part_number AS pn, json_build_object('part', json_build_object('partNumber', p.part_number),
                'buckets', json_agg(json_build_object('periodStart', b.period_start, 'quantity', b.quantity::text) ORDER BY b.bucket_index)) AS line
           FROM forecast_buckets b JOIN parts p ON p.id = b.part_id WHERE b.forecast_id = $1 GROUP BY p.part_number) x`,
};

async function handle(req, res) {
  const url = new URL(req.url, 'http://floor');
  const scenario = url.pathname.slice(1);
  if (!(scenario in QUERIES)) return res.writeHead(404).end();
  let claims;
  try {
    claims = jwt.verify(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''), secret, {
      algorithms: ['HS256'],
      issuer: 'anchorlink',
      audience: 'anchorlink-api',
    });
  } catch {
    return res.writeHead(401).end();
  }
  if (!UUID.test(claims.org)) return res.writeHead(401).end();
  let params = [claims.org];
  if (scenario === 's1' || scenario === 's5') params = [url.searchParams.get('id')];
  if (scenario === 's4') {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString());
    params = [claims.org, body.id, body.version];
  }
  const client = await pool.connect();
  try {
    // The org id was checked to be a UUID: safe to inline, and BEGIN with the settings is one round trip.
    await client.query(
      `BEGIN; SELECT set_config('role', 'anchorlink_app', true), set_config('app.org_id', '${claims.org}', true), set_config('statement_timeout', '15000', true)`,
    );
    const { rows } = await client.query(QUERIES[scenario], params);
    await client.query('COMMIT');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows[0]?.body ?? null }));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    res.writeHead(500).end(String(error.message));
  } finally {
    client.release();
  }
}

createServer((req, res) => {
  handle(req, res).catch(() => res.writeHead(500).end());
}).listen(Number(process.env.PORT), '127.0.0.1', () => {
  if (process.send) process.send('ready');
});
