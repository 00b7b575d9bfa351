import { Injectable } from '@nestjs/common';
import { DatabaseGate, insertOne, type RequestContext } from '@anchorlink/core';
import { Invitation, InvitationStatus } from '../entities/invitation.entity.js';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: DatabaseGate) {}

  async listForAnchor(ctx: RequestContext, anchorOrganizationId: string): Promise<Invitation[]> {
    const em = await this.db.manager(ctx);
    return em.find(Invitation, { where: { anchorOrganizationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async findForAnchor(ctx: RequestContext, id: string, anchorOrganizationId: string): Promise<Invitation | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(Invitation, { where: { id, anchorOrganizationId } });
  }

  /** Needs the `app.auth_invitation_token_hash` window. Locks the row: one acceptance per token. */
  async findByTokenHashForUpdate(ctx: RequestContext, tokenHash: string): Promise<Invitation | null> {
    const em = await this.db.manager(ctx);
    // The lock in a statement of its own: TypeORM's setLock needs a transaction TypeORM started (DatabaseGate's is not).
    await em.query(`SELECT 1 FROM invitations WHERE token_hash = $1 FOR UPDATE`, [tokenHash]);
    return em.createQueryBuilder(Invitation, 'i').where('i.token_hash = :tokenHash', { tokenHash }).getOne();
  }

  async revokePending(ctx: RequestContext, anchorOrganizationId: string, email: string): Promise<void> {
    const em = await this.db.manager(ctx);
    await em.update(Invitation, { anchorOrganizationId, email, status: InvitationStatus.PENDING }, { status: InvitationStatus.REVOKED });
  }

  async insert(
    ctx: RequestContext,
    values: Pick<
      Invitation,
      'anchorOrganizationId' | 'email' | 'supplierName' | 'creditCode' | 'supplierCode' | 'tokenHash' | 'expiresAt' | 'invitedById'
    >,
  ): Promise<Invitation> {
    const em = await this.db.manager(ctx);
    return insertOne(em, Invitation, { ...values, status: InvitationStatus.PENDING });
  }

  async update(ctx: RequestContext, invitation: Invitation): Promise<Invitation> {
    const em = await this.db.manager(ctx);
    return em.save(Invitation, invitation, { transaction: false });
  }
}
