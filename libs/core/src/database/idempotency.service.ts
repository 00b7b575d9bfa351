import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RequestContext } from '../context/request-context.js';
import { BadUserInputError, ConflictError } from '../errors/app-errors.js';
import { DatabaseGate } from './database-gate.js';

/** JSON with sorted keys, so equal inputs hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Idempotency keys for creating mutations (after Stripe): a retry with the
 * same key and input returns the first result and creates nothing; the same key
 * with another input is CONFLICT. Two concurrent requests with one key: the
 * second waits on the first's uncommitted key row, then answers with its result.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: DatabaseGate) {}

  async once<T>(
    ctx: RequestContext,
    operation: string,
    key: string | null | undefined,
    input: unknown,
    create: () => Promise<T & { id: string }>,
    load: (id: string) => Promise<T>,
  ): Promise<T> {
    if (key === null || key === undefined) return create();
    const trimmed = key.trim();
    if (!trimmed || trimmed.length > 200) {
      throw new BadUserInputError(ctx.t('field.range', { field: 'idempotencyKey', min: 1, max: 200 }), { field: 'idempotencyKey' });
    }
    const hash = createHash('sha256')
      .update(`${operation}\n${canonical(input)}`)
      .digest('hex');
    const em = await this.db.manager(ctx);
    const inserted: unknown[] = await em.query(
      `INSERT INTO idempotency_keys (org_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, key) DO NOTHING RETURNING key`,
      [ctx.organizationId, trimmed, operation, hash],
    );
    if (inserted.length === 1) {
      const result = await create();
      await em.query(`UPDATE idempotency_keys SET result_id = $3 WHERE org_id = $1 AND key = $2`, [ctx.organizationId, trimmed, result.id]);
      return result;
    }
    const [existing] = await em.query<{ operation: string; request_hash: string; result_id: string | null }[]>(
      `SELECT operation, request_hash, result_id FROM idempotency_keys WHERE org_id = $1 AND key = $2`,
      [ctx.organizationId, trimmed],
    );
    if (!existing || existing.operation !== operation || existing.request_hash !== hash || !existing.result_id) {
      throw new ConflictError(ctx.t('idempotency.reused', { key: trimmed }));
    }
    return load(existing.result_id);
  }
}

/** The scope of a sequence kept for the organization as a whole (order numbers). */
const WHOLE_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * Document numbers per organization and year (PO-2026-000123), or per
 * organization, counterparty and year: a supplier numbers its shipment
 * notices per anchor, so no anchor can count its shipments to others.
 */
@Injectable()
export class DocumentNumbers {
  constructor(private readonly db: DatabaseGate) {}

  /**
   * The next number. `scope`: the counterparty the sequence is kept for.
   * `startAfter`: when the sequence does not exist yet, the highest number
   * already issued in its scope (by an earlier numbering), to continue after.
   */
  async next(
    ctx: RequestContext,
    kind: 'PO' | 'ASN',
    year: number,
    { scope = WHOLE_ORGANIZATION, startAfter }: { scope?: string; startAfter?: () => Promise<number> } = {},
  ): Promise<string> {
    const em = await this.db.manager(ctx);
    const key = [ctx.organizationId, kind, year, scope];
    // TypeORM answers an UPDATE with [rows, affected].
    const [updated] = await em.query<[{ last_value: number }[], number]>(
      `UPDATE document_sequences SET last_value = last_value + 1
        WHERE org_id = $1 AND kind = $2 AND year = $3 AND scope_org_id = $4 RETURNING last_value`,
      key,
    );
    let row = updated[0];
    if (!row) {
      const first = ((await startAfter?.()) ?? 0) + 1;
      // Two first numbers at once: the second waits for the first's row and counts on from it.
      [row] = await em.query<{ last_value: number }[]>(
        `INSERT INTO document_sequences (org_id, kind, year, scope_org_id, last_value) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, kind, year, scope_org_id) DO UPDATE SET last_value = document_sequences.last_value + 1
         RETURNING last_value`,
        [...key, first],
      );
    }
    return `${kind}-${year}-${String(row.last_value).padStart(6, '0')}`;
  }
}
