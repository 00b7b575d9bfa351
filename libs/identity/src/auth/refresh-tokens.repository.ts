import { Injectable } from '@nestjs/common';
import { DatabaseGate, type RequestContext } from '@anchorlink/core';
import type { EntityManager } from 'typeorm';
import { RefreshToken } from '../entities/refresh-token.entity.js';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: DatabaseGate) {}

  async insert(
    ctx: RequestContext,
    values: Pick<RefreshToken, 'userId' | 'organizationId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    const em = await this.db.manager(ctx);
    await em.insert(RefreshToken, values);
  }

  /** Needs the `app.auth_refresh_token_hash` window. */
  async findByHash(ctx: RequestContext, tokenHash: string): Promise<RefreshToken | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(RefreshToken, { where: { tokenHash } });
  }

  /**
   * Marks a token used, only if nobody did first: of two concurrent refreshes
   * with the same token exactly one wins; the other counts as reuse. SKIP
   * LOCKED matters: a plain UPDATE that waited for the winner would keep a
   * lock on the row after re-checking it, and the loser's family revocation
   * (in a transaction of its own) would then wait for the loser itself.
   */
  async markUsed(ctx: RequestContext, id: string): Promise<boolean> {
    const em = await this.db.manager(ctx);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await em.query<[unknown[], number]>(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE id = (SELECT id FROM refresh_tokens
                     WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND org_id = app_current_org()
                     FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [id],
    );
    return affected === 1;
  }

  async isFamilyRevoked(ctx: RequestContext, familyId: string): Promise<boolean> {
    const em = await this.db.manager(ctx);
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND org_id = app_current_org() AND revoked_at IS NOT NULL LIMIT 1`,
      [familyId],
    );
    return rows.length > 0;
  }

  /** Revokes every token of a family; `em` may belong to a transaction of its own. */
  async revokeFamily(em: EntityManager, familyId: string, organizationId: string): Promise<void> {
    await em.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE family_id = $1 AND org_id = $2 AND revoked_at IS NULL`,
      [familyId, organizationId],
    );
  }
}
