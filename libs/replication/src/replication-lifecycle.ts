import { registerEnumType } from '@nestjs/graphql';
import { Lifecycle, OrgKind, type RequestContext, Role } from '@anchorlink/core';
import { PackageStatus, RolloutStatus } from './entities/replication-package.entity.js';

/** What the caller may do with a replication package. */
export enum PackageAction {
  PUBLISH = 'PUBLISH',
  ARCHIVE = 'ARCHIVE',
  LAUNCH = 'LAUNCH',
}
registerEnumType(PackageAction, {
  name: 'PackageAction',
  description: 'What the caller may do next with a replication package (availableActions).',
});

/** What the caller may do with a rollout. */
export enum RolloutAction {
  UPDATE_ITEM = 'UPDATE_ITEM',
}
registerEnumType(RolloutAction, { name: 'RolloutAction', description: 'What the caller may do next with a rollout (availableActions).' });

/** The caller's organization owns the package (the anchor that packaged its practice). */
export const OWNER_SIDE = 'owner';
/** The caller's organization is the rollout's supplier. */
export const SUPPLIER_SIDE = 'supplier';

const P = PackageStatus;
const R = RolloutStatus;
const anchor = { roles: [Role.ORG_ADMIN, Role.PROCUREMENT], kinds: [OrgKind.ANCHOR], side: OWNER_SIDE } as const;

/** DRAFT → PUBLISHED → ARCHIVED: a draft is published, a published package is archived or rolled out. */
export const PACKAGE_LIFECYCLE = new Lifecycle<PackageStatus, PackageAction>(
  {
    illegalTransition: 'replication.packageState',
    illegalAction: (action) => (action === PackageAction.LAUNCH ? 'replication.packageNotPublished' : 'replication.packageIllegalAction'),
    action: (action) => `replication.packageAction.${action}`,
  },
  {
    [P.DRAFT]: [P.PUBLISHED],
    [P.PUBLISHED]: [P.ARCHIVED],
    [P.ARCHIVED]: [],
  },
  {
    [PackageAction.PUBLISH]: { from: [P.DRAFT], ...anchor },
    [PackageAction.ARCHIVE]: { from: [P.PUBLISHED], ...anchor },
    [PackageAction.LAUNCH]: { from: [P.PUBLISHED], ...anchor },
  },
);

/**
 * NOT_STARTED → IN_PROGRESS → COMPLETED, by the supplier ticking checklist items (the last one at once
 * COMPLETED); unticking never goes back to NOT_STARTED, and a completed rollout is final.
 */
export const ROLLOUT_LIFECYCLE = new Lifecycle<RolloutStatus, RolloutAction>(
  {
    illegalTransition: 'replication.rolloutState',
    illegalAction: 'replication.rolloutCompleted',
    action: () => 'replication.rolloutCompleted',
  },
  {
    [R.NOT_STARTED]: [R.IN_PROGRESS, R.COMPLETED],
    [R.IN_PROGRESS]: [R.COMPLETED],
    [R.COMPLETED]: [],
  },
  {
    [RolloutAction.UPDATE_ITEM]: {
      from: [R.NOT_STARTED, R.IN_PROGRESS],
      roles: [Role.ORG_ADMIN, Role.SUPPLIER_SALES],
      kinds: [OrgKind.SUPPLIER],
      side: SUPPLIER_SIDE,
    },
  },
);

export function packageActions(ctx: RequestContext, pkg: { status: PackageStatus; ownerOrganizationId: string }): PackageAction[] {
  return PACKAGE_LIFECYCLE.available(ctx, pkg.status, ctx.principal?.organizationId === pkg.ownerOrganizationId ? [OWNER_SIDE] : []);
}

export function rolloutActions(ctx: RequestContext, rollout: { status: RolloutStatus; supplierOrganizationId: string }): RolloutAction[] {
  return ROLLOUT_LIFECYCLE.available(
    ctx,
    rollout.status,
    ctx.principal?.organizationId === rollout.supplierOrganizationId ? [SUPPLIER_SIDE] : [],
  );
}
