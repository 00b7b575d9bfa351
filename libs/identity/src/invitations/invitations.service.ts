import { INVITATION_LIFECYCLE, InvitationAction, invitationActions } from '../identity-lifecycles.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  SecretBox,
  DomainEvents,
  AuditService,
  BadUserInputError,
  ConflictError,
  DatabaseGate,
  Errors,
  ForbiddenError,
  isUniqueViolation,
  normalizeEmail,
  optionalText,
  OrgKind,
  type RequestContext,
  requiredText,
  requireId,
  Role,
  UnauthenticatedError,
} from '@anchorlink/core';
import type { AcceptInvitationInput, AuthPayload, InviteSupplierInput } from '../dto/auth.types.js';
import { Invitation, InvitationStatus } from '../entities/invitation.entity.js';
import { PartnershipStatus } from '../entities/partnership.entity.js';
import type { User } from '../entities/user.entity.js';
import { AuthService } from '../auth/auth.service.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../auth/password.js';
import { randomToken, sha256Hex } from '../auth/secrets.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import { isValidCreditCode, normalizeCreditCode } from '../organizations/credit-code.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { PartnershipsRepository } from '../partnerships/partnerships.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { InvitationsRepository } from './invitations.repository.js';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The status callers see: a pending invitation past its expiry is EXPIRED. */
export function effectiveStatus(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now = Date.now()): InvitationStatus {
  return invitation.status === InvitationStatus.PENDING && invitation.expiresAt.getTime() <= now
    ? InvitationStatus.EXPIRED
    : invitation.status;
}

export interface InvitationWithToken {
  invitation: Invitation;
  token: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DatabaseGate,
    private readonly invitations: InvitationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly partnerships: PartnershipsRepository,
    private readonly auth: AuthService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly secrets: SecretBox,
  ) {}

  async list(ctx: RequestContext, status?: InvitationStatus | null): Promise<Invitation[]> {
    const all = await this.invitations.listForAnchor(ctx, ctx.organizationId);
    return status ? all.filter((i) => effectiveStatus(i) === status) : all;
  }

  /**
   * Creates a single-use invitation; the token is returned once and only its
   * hash is kept. A new invitation to the same e-mail replaces a pending one.
   */
  async invite(ctx: RequestContext, input: InviteSupplierInput): Promise<InvitationWithToken> {
    const supplierName = requiredText(ctx, input.supplierName, 'supplierName', 200);
    const email = normalizeEmail(ctx, input.email);
    const creditCode = this.creditCode(ctx, input.creditCode);
    const supplierCode = optionalText(ctx, input.supplierCode, 'supplierCode', 64);

    await this.invitations.revokePending(ctx, ctx.organizationId, email);
    const token = randomToken();
    const invitation = await this.invitations.insert(ctx, {
      anchorOrganizationId: ctx.organizationId,
      email,
      supplierName,
      creditCode,
      supplierCode,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedById: ctx.userId,
    });
    const details = { email, supplierName, creditCode, supplierCode };
    await this.audit.record(ctx, { action: 'invitation.created', entityType: 'Invitation', entityId: invitation.id, details });
    const anchor = await this.organizations.findCurrent(ctx, ctx.organizationId);
    // The link is e-mailed by the worker: the token travels sealed (fields starting with _ never leave the server).
    await this.events.emit(ctx, {
      type: 'invitation.created',
      organizationIds: [ctx.organizationId],
      entityType: 'Invitation',
      entityId: invitation.id,
      data: {
        invitationId: invitation.id,
        email,
        supplierName,
        anchorName: anchor?.name ?? '',
        expiresAt: invitation.expiresAt.toISOString(),
        _sealedToken: this.secrets.seal(token, `invitation:${invitation.id}`),
      },
    });
    return { invitation, token };
  }

  /** What the caller may do next with an invitation (the portal's buttons). */
  availableActions(ctx: RequestContext, invitation: Invitation): InvitationAction[] {
    return invitationActions(ctx, { status: effectiveStatus(invitation), anchorOrganizationId: invitation.anchorOrganizationId });
  }

  async revoke(ctx: RequestContext, id: string): Promise<Invitation> {
    const invitation = await this.invitations.findForAnchor(ctx, requireId(ctx, id, 'entity.invitation'), ctx.organizationId);
    if (!invitation) throw Errors.notFound(ctx, 'entity.invitation');
    const status = effectiveStatus(invitation);
    INVITATION_LIFECYCLE.assertAction(ctx, InvitationAction.REVOKE, status);
    INVITATION_LIFECYCLE.assertTransition(ctx, status, InvitationStatus.REVOKED);
    invitation.status = InvitationStatus.REVOKED;
    const updated = await this.invitations.update(ctx, invitation);
    await this.audit.record(ctx, {
      action: 'invitation.revoked',
      entityType: 'Invitation',
      entityId: invitation.id,
      details: { email: invitation.email },
    });
    return updated;
  }

  /**
   * The invitee accepts. A new e-mail creates the supplier organization, its
   * first user (ORG_ADMIN + SUPPLIER_SALES) and an ACTIVE partnership. An
   * e-mail that already belongs to an administrator of a supplier links that
   * supplier instead, after checking the password. Then the invitee is signed in.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<AuthPayload> {
    const tokenHash = sha256Hex(input.token);
    await this.db.setLookup(ctx, 'app.auth_invitation_token_hash', tokenHash);
    const invitation = await this.invitations.findByTokenHashForUpdate(ctx, tokenHash);
    if (!invitation) throw new BadUserInputError(ctx.t('invitation.invalid'), { field: 'token' });
    const status = effectiveStatus(invitation);
    if (status !== InvitationStatus.PENDING) {
      const key =
        status === InvitationStatus.ACCEPTED
          ? 'invitation.accepted'
          : status === InvitationStatus.REVOKED
            ? 'invitation.revoked'
            : 'invitation.expired';
      throw new BadUserInputError(ctx.t(key), { field: 'token' });
    }

    await this.db.setLookup(ctx, 'app.auth_email', invitation.email);
    const existing = await this.users.findByEmailForSignIn(ctx, invitation.email);
    const user = existing
      ? await this.linkExistingSupplier(ctx, invitation, existing, input.password)
      : await this.createSupplier(ctx, invitation, input);

    await this.linkPartnership(ctx, invitation, user.organizationId);
    invitation.status = InvitationStatus.ACCEPTED;
    invitation.acceptedAt = new Date();
    invitation.acceptedOrganizationId = user.organizationId;
    await this.invitations.update(ctx, invitation);
    const payload = await this.auth.signIn(ctx, user);
    await this.audit.record(ctx, {
      action: 'invitation.accepted',
      entityType: 'Invitation',
      entityId: invitation.id,
      details: { anchorId: invitation.anchorOrganizationId, newOrganization: !existing },
    });
    return payload;
  }

  private async linkExistingSupplier(ctx: RequestContext, invitation: Invitation, user: User, password: string): Promise<User> {
    await this.throttle.check(ctx, user.email);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.throttle.failed(ctx, user.email);
      throw new UnauthenticatedError(ctx.t('auth.invalidCredentials'));
    }
    await this.db.actAsOrganization(ctx, user.organizationId);
    const organization = await this.organizations.findCurrent(ctx, user.organizationId);
    if (!organization || organization.kind !== OrgKind.SUPPLIER || !user.roles.includes(Role.ORG_ADMIN)) {
      throw new ForbiddenError(ctx.t('invitation.existingUserNotAdmin'));
    }
    if (invitation.creditCode && organization.creditCode && invitation.creditCode !== organization.creditCode) {
      throw new ConflictError(ctx.t('invitation.creditCodeMismatch'));
    }
    return user;
  }

  private async createSupplier(ctx: RequestContext, invitation: Invitation, input: AcceptInvitationInput): Promise<User> {
    const displayName = requiredText(ctx, input.displayName, 'displayName', 200);
    checkPasswordPolicy(ctx, input.password);
    if (invitation.creditCode) {
      // Joining an organization by its (public) credit code alone would let any anchor
      // plant an administrator in another company's tenant: only its own admins may link it.
      await this.db.setLookup(ctx, 'app.auth_credit_code', invitation.creditCode);
      if (await this.organizations.findByCreditCode(ctx, invitation.creditCode)) {
        throw new ConflictError(ctx.t('invitation.orgExists', { creditCode: invitation.creditCode }));
      }
    }
    const organizationId = randomUUID();
    await this.db.actAsOrganization(ctx, organizationId);
    await this.organizations.insert(ctx, {
      id: organizationId,
      name: invitation.supplierName,
      kind: OrgKind.SUPPLIER,
      creditCode: invitation.creditCode,
    });
    return this.users.insert(ctx, {
      organizationId,
      email: invitation.email,
      passwordHash: await hashPassword(input.password),
      displayName,
      roles: [Role.ORG_ADMIN, Role.SUPPLIER_SALES],
      locale: ctx.locale,
    });
  }

  private async linkPartnership(ctx: RequestContext, invitation: Invitation, supplierOrganizationId: string): Promise<void> {
    try {
      const current = await this.partnerships.findBetween(ctx, invitation.anchorOrganizationId, supplierOrganizationId);
      if (current) {
        await this.partnerships.updateStatus(ctx, current, PartnershipStatus.ACTIVE, invitation.supplierCode ?? current.supplierCode);
      } else {
        await this.partnerships.insert(ctx, {
          anchorOrganizationId: invitation.anchorOrganizationId,
          supplierOrganizationId,
          status: PartnershipStatus.ACTIVE,
          supplierCode: invitation.supplierCode,
          activatedAt: new Date(),
        });
      }
    } catch (error) {
      if (isUniqueViolation(error, 'partnerships_supplier_code_key')) {
        throw new ConflictError(ctx.t('error.conflict.duplicate', { entity: 'entity.partnership', value: invitation.supplierCode ?? '' }));
      }
      throw error;
    }
  }

  private creditCode(ctx: RequestContext, value: string | null | undefined): string | null {
    if (value === null || value === undefined || value.trim() === '') return null;
    const code = normalizeCreditCode(value);
    if (!isValidCreditCode(code)) throw new BadUserInputError(ctx.t('org.creditCodeInvalid'), { field: 'creditCode' });
    return code;
  }
}
