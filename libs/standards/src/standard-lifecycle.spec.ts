import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ORG_KINDS_KEY, OrgKind, RequestContext, Role, ROLES_KEY } from '@anchorlink/core';
import { StandardStatus as S } from './dto/standard.types.js';
import { STANDARD_VERSION_LIFECYCLE, StandardVersionAction as A, standardVersionActions } from './standard-lifecycle.js';
import { StandardVersionResolver } from './standards.resolver.js';

const states = Object.values(S);
/** Written out by hand, independently of the table. */
const ALLOWED = new Set(['DRAFT>PUBLISHED', 'PUBLISHED>DEPRECATED', 'DEPRECATED>RETIRED']);
const OWNER_MAY: Record<S, A[]> = {
  [S.DRAFT]: [A.UPDATE, A.DELETE, A.PUBLISH],
  [S.PUBLISHED]: [A.DEPRECATE, A.ADOPT],
  [S.DEPRECATED]: [],
  [S.RETIRED]: [],
};
const ALLIANCE = '11111111-1111-4111-8111-111111111111';
const caller = (organizationId: string, kind: OrgKind, roles: Role[]) =>
  new RequestContext('t', { userId: null, organizationId, organizationKind: kind, roles, locale: 'en' });

describe('standard version lifecycle', () => {
  const en = RequestContext.anonymous('t', 'en');

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(STANDARD_VERSION_LIFECYCLE.canTransition(from, to)).toBe(allowed);
    if (!allowed)
      expect(() => STANDARD_VERSION_LIFECYCLE.assertTransition(en, from, to)).toThrow(`A standard version cannot go from ${from} to ${to}`);
  });

  it.each(states)('offers in %s exactly what each organization may do', (status) => {
    const version = { status, ownerOrganizationId: ALLIANCE };
    const owner = caller(ALLIANCE, OrgKind.ALLIANCE, [Role.STANDARDS_ADMIN, Role.ORG_ADMIN]);
    expect(standardVersionActions(owner, version).sort()).toEqual([...OWNER_MAY[status]].sort());
    // Another organization may only adopt a published version; a reader without the roles nothing.
    const anchorAdmin = caller('22222222-2222-4222-8222-222222222222', OrgKind.ANCHOR, [Role.ORG_ADMIN]);
    expect(standardVersionActions(anchorAdmin, version)).toEqual(status === S.PUBLISHED ? [A.ADOPT] : []);
    const otherAlliance = caller('33333333-3333-4333-8333-333333333333', OrgKind.ALLIANCE, [Role.STANDARDS_ADMIN]);
    expect(standardVersionActions(otherAlliance, version)).toEqual(status === S.PUBLISHED ? [A.ADOPT] : []);
    const buyer = caller('22222222-2222-4222-8222-222222222222', OrgKind.ANCHOR, [Role.PROCUREMENT]);
    expect(standardVersionActions(buyer, version)).toEqual([]);
  });

  it("names the state when an action is not allowed, in the caller's language", () => {
    expect(() => STANDARD_VERSION_LIFECYCLE.assertAction(en, A.DEPRECATE, S.DRAFT)).toThrow(
      'Only a PUBLISHED version can be deprecated; this version is DRAFT',
    );
    const zh = RequestContext.anonymous('t', 'zh-CN');
    expect(() => STANDARD_VERSION_LIFECYCLE.assertAction(zh, A.ADOPT, S.RETIRED)).toThrow(
      '只有已发布（PUBLISHED）的版本可以采用，此版本状态为 RETIRED',
    );
    expect(() => STANDARD_VERSION_LIFECYCLE.assertAction(en, A.UPDATE, S.PUBLISHED)).toThrow(
      'Only drafts can be edited or deleted; this version is PUBLISHED',
    );
  });

  it('requires of each action the roles and organization kinds its mutation requires', () => {
    const mutations: Partial<Record<A, keyof StandardVersionResolver>> = {
      [A.UPDATE]: 'updateStandardVersion',
      [A.DELETE]: 'deleteStandardVersion',
      [A.PUBLISH]: 'publishStandardVersion',
      [A.DEPRECATE]: 'deprecateStandardVersion',
    };
    for (const [action, name] of Object.entries(mutations) as [A, keyof StandardVersionResolver][]) {
      const handler = StandardVersionResolver.prototype[name] as object;
      expect([action, Reflect.getMetadata(ROLES_KEY, handler)]).toEqual([action, STANDARD_VERSION_LIFECYCLE.actions[action].roles]);
      expect([action, Reflect.getMetadata(ORG_KINDS_KEY, handler)]).toEqual([action, STANDARD_VERSION_LIFECYCLE.actions[action].kinds]);
    }
  });
});
