import { registerEnumType } from '@nestjs/graphql';
import { Lifecycle, OrgKind, type RequestContext, Role } from '@anchorlink/core';
import { InvitationStatus } from './entities/invitation.entity.js';
import { PartnershipStatus } from './entities/partnership.entity.js';

/** What the caller may do with an invitation. (Accepting is the invitee's, by the token in the e-mail.) */
export enum InvitationAction {
  REVOKE = 'REVOKE',
}
registerEnumType(InvitationAction, {
  name: 'InvitationAction',
  description: 'What the caller may do next with an invitation (availableActions).',
});

/** What the caller may do with a partnership. */
export enum PartnershipAction {
  SUSPEND = 'SUSPEND',
  ACTIVATE = 'ACTIVATE',
}
registerEnumType(PartnershipAction, {
  name: 'PartnershipAction',
  description: 'What the caller may do next with a partnership (availableActions).',
});

/** The caller's organization is the anchor of the invitation or partnership. */
export const ANCHOR_SIDE = 'anchor';

const I = InvitationStatus;
const P = PartnershipStatus;

/** PENDING → ACCEPTED (by the invitee), REVOKED (by the anchor), or EXPIRED (on its own, after 14 days). */
export const INVITATION_LIFECYCLE = new Lifecycle<InvitationStatus, InvitationAction>(
  { illegalTransition: 'invitation.illegalTransition', illegalAction: 'invitation.notPending', action: () => 'invitation.notPending' },
  {
    [I.PENDING]: [I.ACCEPTED, I.REVOKED, I.EXPIRED],
    [I.ACCEPTED]: [],
    [I.REVOKED]: [],
    [I.EXPIRED]: [],
  },
  {
    [InvitationAction.REVOKE]: { from: [I.PENDING], roles: [Role.PROCUREMENT, Role.ORG_ADMIN], kinds: [OrgKind.ANCHOR], side: ANCHOR_SIDE },
  },
);

/** INVITED → ACTIVE (when the invitation is accepted); the anchor suspends an ACTIVE one and activates it again. */
export const PARTNERSHIP_LIFECYCLE = new Lifecycle<PartnershipStatus, PartnershipAction>(
  {
    illegalTransition: 'partnership.illegalTransition',
    illegalAction: 'partnership.illegalAction',
    action: (action) => `partnership.action.${action}`,
  },
  {
    [P.INVITED]: [P.ACTIVE],
    [P.ACTIVE]: [P.SUSPENDED],
    [P.SUSPENDED]: [P.ACTIVE],
  },
  {
    [PartnershipAction.SUSPEND]: { from: [P.ACTIVE], roles: [Role.ORG_ADMIN], kinds: [OrgKind.ANCHOR], side: ANCHOR_SIDE },
    [PartnershipAction.ACTIVATE]: { from: [P.INVITED, P.SUSPENDED], roles: [Role.ORG_ADMIN], kinds: [OrgKind.ANCHOR], side: ANCHOR_SIDE },
  },
);

export function invitationActions(
  ctx: RequestContext,
  invitation: { status: InvitationStatus; anchorOrganizationId: string },
): InvitationAction[] {
  return INVITATION_LIFECYCLE.available(
    ctx,
    invitation.status,
    ctx.principal?.organizationId === invitation.anchorOrganizationId ? [ANCHOR_SIDE] : [],
  );
}

export function partnershipActions(
  ctx: RequestContext,
  partnership: { status: PartnershipStatus; anchorOrganizationId: string },
): PartnershipAction[] {
  return PARTNERSHIP_LIFECYCLE.available(
    ctx,
    partnership.status,
    ctx.principal?.organizationId === partnership.anchorOrganizationId ? [ANCHOR_SIDE] : [],
  );
}
