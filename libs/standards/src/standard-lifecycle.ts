import { registerEnumType } from '@nestjs/graphql';
import { Lifecycle, OrgKind, type RequestContext, Role } from '@anchorlink/core';
import { StandardStatus } from './dto/standard.types.js';

/** What the caller may do with a standard version. */
export enum StandardVersionAction {
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  PUBLISH = 'PUBLISH',
  DEPRECATE = 'DEPRECATE',
  ADOPT = 'ADOPT',
}
registerEnumType(StandardVersionAction, {
  name: 'StandardVersionAction',
  description: 'What the caller may do next with a standard version (availableActions).',
});

/** The caller's organization owns the version (the alliance that maintains the standard). */
export const OWNER_SIDE = 'owner';

const S = StandardStatus;
const owner = { roles: [Role.STANDARDS_ADMIN], kinds: [OrgKind.ALLIANCE], side: OWNER_SIDE } as const;

/**
 * DRAFT → PUBLISHED → DEPRECATED → RETIRED. A draft is edited, deleted or published by its alliance;
 * a published version is deprecated by it, and adopted by any organization; a deprecated one becomes
 * RETIRED on its own once its sunset date has passed (effectiveStatus).
 */
export const STANDARD_VERSION_LIFECYCLE = new Lifecycle<StandardStatus, StandardVersionAction>(
  {
    illegalTransition: 'standard.illegalTransition',
    illegalAction: (action) =>
      action === StandardVersionAction.DEPRECATE || action === StandardVersionAction.ADOPT ? 'standard.notPublished' : 'standard.notDraft',
    action: (action) => `standard.action.${action}`,
  },
  {
    [S.DRAFT]: [S.PUBLISHED],
    [S.PUBLISHED]: [S.DEPRECATED],
    [S.DEPRECATED]: [S.RETIRED],
    [S.RETIRED]: [],
  },
  {
    [StandardVersionAction.UPDATE]: { from: [S.DRAFT], ...owner },
    [StandardVersionAction.DELETE]: { from: [S.DRAFT], ...owner },
    [StandardVersionAction.PUBLISH]: { from: [S.DRAFT], ...owner },
    [StandardVersionAction.DEPRECATE]: { from: [S.PUBLISHED], ...owner },
    [StandardVersionAction.ADOPT]: {
      from: [S.PUBLISHED],
      roles: [Role.ORG_ADMIN, Role.STANDARDS_ADMIN],
      kinds: [OrgKind.ANCHOR, OrgKind.SUPPLIER, OrgKind.ALLIANCE],
    },
  },
);

/** What the caller may do next with a version in `status` (its effective status). */
export function standardVersionActions(
  ctx: RequestContext,
  version: { status: StandardStatus; ownerOrganizationId: string },
): StandardVersionAction[] {
  return STANDARD_VERSION_LIFECYCLE.available(
    ctx,
    version.status,
    ctx.principal?.organizationId === version.ownerOrganizationId ? [OWNER_SIDE] : [],
  );
}
