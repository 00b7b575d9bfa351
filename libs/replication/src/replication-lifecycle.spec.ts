import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ORG_KINDS_KEY, OrgKind, RequestContext, Role, ROLES_KEY } from '@anchorlink/core';
import { PackageStatus as P, RolloutStatus as R } from './entities/replication-package.entity.js';
import {
  PACKAGE_LIFECYCLE,
  PackageAction as PA,
  packageActions,
  ROLLOUT_LIFECYCLE,
  RolloutAction as RA,
  rolloutActions,
} from './replication-lifecycle.js';
import { ReplicationPackageResolver, RolloutResolver } from './replication.resolver.js';

const caller = (organizationId: string, kind: OrgKind, roles: Role[]) =>
  new RequestContext('t', { userId: null, organizationId, organizationKind: kind, roles, locale: 'en' });
const ANCHOR = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const en = RequestContext.anonymous('t', 'en');

describe('replication package lifecycle', () => {
  const states = Object.values(P);
  const ALLOWED = new Set(['DRAFT>PUBLISHED', 'PUBLISHED>ARCHIVED']);
  const OWNER_MAY: Record<P, PA[]> = { [P.DRAFT]: [PA.PUBLISH], [P.PUBLISHED]: [PA.ARCHIVE, PA.LAUNCH], [P.ARCHIVED]: [] };

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(PACKAGE_LIFECYCLE.canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
    if (!ALLOWED.has(`${from}>${to}`))
      expect(() => PACKAGE_LIFECYCLE.assertTransition(en, from, to)).toThrow(`A package cannot go from ${from} to ${to}`);
  });

  it.each(states)('offers in %s exactly what each organization may do', (status) => {
    const pkg = { status, ownerOrganizationId: ANCHOR };
    expect(packageActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.PROCUREMENT]), pkg).sort()).toEqual([...OWNER_MAY[status]].sort());
    expect(packageActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.ORG_ADMIN]), pkg).sort()).toEqual([...OWNER_MAY[status]].sort());
    expect(packageActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.PLANNER]), pkg)).toEqual([]);
    expect(packageActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.ORG_ADMIN]), pkg)).toEqual([]);
    expect(packageActions(caller('33333333-3333-4333-8333-333333333333', OrgKind.ANCHOR, [Role.ORG_ADMIN]), pkg)).toEqual([]);
  });

  it('names the state when an action is not allowed', () => {
    expect(() => PACKAGE_LIFECYCLE.assertAction(en, PA.ARCHIVE, P.DRAFT)).toThrow('The package is DRAFT and cannot be archived');
    expect(() => PACKAGE_LIFECYCLE.assertAction(RequestContext.anonymous('t', 'zh-CN'), PA.LAUNCH, P.ARCHIVED)).toThrow(
      '推广包状态为 ARCHIVED，只有已发布的推广包可以推广',
    );
  });

  it('requires of each action the roles and organization kinds its mutation requires', () => {
    const mutations: Record<PA, keyof ReplicationPackageResolver | keyof RolloutResolver> = {
      [PA.PUBLISH]: 'publishReplicationPackage',
      [PA.ARCHIVE]: 'archiveReplicationPackage',
      [PA.LAUNCH]: 'launchRollout',
    };
    for (const action of Object.values(PA)) {
      const owner = PA.LAUNCH === action ? RolloutResolver.prototype : ReplicationPackageResolver.prototype;
      const handler = (owner as unknown as Record<string, object>)[mutations[action]];
      expect([action, Reflect.getMetadata(ROLES_KEY, handler)]).toEqual([action, PACKAGE_LIFECYCLE.actions[action].roles]);
      expect([action, Reflect.getMetadata(ORG_KINDS_KEY, handler)]).toEqual([action, PACKAGE_LIFECYCLE.actions[action].kinds]);
    }
  });
});

describe('rollout lifecycle', () => {
  const states = Object.values(R);
  const ALLOWED = new Set(['NOT_STARTED>IN_PROGRESS', 'NOT_STARTED>COMPLETED', 'IN_PROGRESS>COMPLETED']);

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(ROLLOUT_LIFECYCLE.canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it.each(states)('lets only the supplier tick items, and only before it is completed (%s)', (status) => {
    const rollout = { status, supplierOrganizationId: SUPPLIER };
    const expected = status === R.COMPLETED ? [] : [RA.UPDATE_ITEM];
    expect(rolloutActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]), rollout)).toEqual(expected);
    expect(rolloutActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.ORG_ADMIN]), rollout)).toEqual(expected);
    expect(rolloutActions(caller('33333333-3333-4333-8333-333333333333', OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]), rollout)).toEqual([]);
    expect(rolloutActions(caller(ANCHOR, OrgKind.ANCHOR, [Role.ORG_ADMIN]), rollout)).toEqual([]);
  });

  it('requires of ticking the roles and kinds updateRolloutItem requires', () => {
    const handler = RolloutResolver.prototype.updateRolloutItem as object;
    expect(Reflect.getMetadata(ROLES_KEY, handler)).toEqual(ROLLOUT_LIFECYCLE.actions[RA.UPDATE_ITEM].roles);
    expect(Reflect.getMetadata(ORG_KINDS_KEY, handler)).toEqual(ROLLOUT_LIFECYCLE.actions[RA.UPDATE_ITEM].kinds);
  });
});
