/** Roles and organization kinds of the contract (identity section). */
export enum Role {
  ORG_ADMIN = 'ORG_ADMIN',
  PROCUREMENT = 'PROCUREMENT',
  PLANNER = 'PLANNER',
  SUPPLIER_SALES = 'SUPPLIER_SALES',
  STANDARDS_ADMIN = 'STANDARDS_ADMIN',
  VIEWER = 'VIEWER',
}

export enum OrgKind {
  ANCHOR = 'ANCHOR',
  SUPPLIER = 'SUPPLIER',
  ALLIANCE = 'ALLIANCE',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);
