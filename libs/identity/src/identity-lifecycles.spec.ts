import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ORG_KINDS_KEY, OrgKind, RequestContext, Role, ROLES_KEY } from '@anchorlink/core';
import { InvitationStatus as I } from './entities/invitation.entity.js';
import { PartnershipStatus as P } from './entities/partnership.entity.js';
import {
  INVITATION_LIFECYCLE,
  InvitationAction,
  invitationActions,
  PARTNERSHIP_LIFECYCLE,
  PartnershipAction,
  partnershipActions,
} from './identity-lifecycles.js';
import { InvitationResolver } from './invitations/invitation.resolver.js';
import { PartnershipResolver } from './partnerships/partnership.resolver.js';

const caller = (organizationId: string, kind: OrgKind, roles: Role[]) =>
  new RequestContext('t', { userId: null, organizationId, organizationKind: kind, roles, locale: 'en' });
const ANCHOR = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const metadata = (handler: object) => [Reflect.getMetadata(ROLES_KEY, handler), Reflect.getMetadata(ORG_KINDS_KEY, handler)];

describe('invitation lifecycle', () => {
  const states = Object.values(I);
  const ALLOWED = new Set(['PENDING>ACCEPTED', 'PENDING>REVOKED', 'PENDING>EXPIRED']);

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(INVITATION_LIFECYCLE.canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it.each(states)('lets the inviting anchor revoke only a pending invitation (%s)', (status) => {
    const invitation = { status, anchorOrganizationId: ANCHOR };
    const expected = status === I.PENDING ? [InvitationAction.REVOKE] : [];
    expect(invitationActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.PROCUREMENT]), invitation)).toEqual(expected);
    expect(invitationActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.ORG_ADMIN]), invitation)).toEqual(expected);
    expect(invitationActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.PLANNER]), invitation)).toEqual([]);
    expect(invitationActions(caller(OTHER, OrgKind.ANCHOR, [Role.ORG_ADMIN]), invitation)).toEqual([]);
  });

  it('names the state when revoking is not allowed, and requires what revokeInvitation requires', () => {
    expect(() => INVITATION_LIFECYCLE.assertAction(RequestContext.anonymous('t', 'en'), InvitationAction.REVOKE, I.ACCEPTED)).toThrow(
      'The invitation is ACCEPTED and cannot be revoked',
    );
    const rule = INVITATION_LIFECYCLE.actions[InvitationAction.REVOKE];
    expect(metadata(InvitationResolver.prototype.revokeInvitation)).toEqual([rule.roles, rule.kinds]);
  });
});

describe('partnership lifecycle', () => {
  const states = Object.values(P);
  const ALLOWED = new Set(['INVITED>ACTIVE', 'ACTIVE>SUSPENDED', 'SUSPENDED>ACTIVE']);
  const ANCHOR_MAY: Record<P, PartnershipAction[]> = {
    [P.INVITED]: [PartnershipAction.ACTIVATE],
    [P.ACTIVE]: [PartnershipAction.SUSPEND],
    [P.SUSPENDED]: [PartnershipAction.ACTIVATE],
  };

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(PARTNERSHIP_LIFECYCLE.canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it.each(states)('offers in %s exactly what each party may do', (status) => {
    const partnership = { status, anchorOrganizationId: ANCHOR };
    expect(partnershipActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.ORG_ADMIN]), partnership)).toEqual(ANCHOR_MAY[status]);
    expect(partnershipActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.PROCUREMENT]), partnership)).toEqual([]);
    expect(partnershipActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.ORG_ADMIN]), partnership)).toEqual([]);
  });

  it('requires of each action what setPartnershipStatus requires', () => {
    for (const action of Object.values(PartnershipAction)) {
      const rule = PARTNERSHIP_LIFECYCLE.actions[action];
      expect(metadata(PartnershipResolver.prototype.setPartnershipStatus)).toEqual([rule.roles, rule.kinds]);
    }
  });
});
