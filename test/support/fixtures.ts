import { DEMO_ORGANIZATIONS, demoId } from '@anchorlink/demo-data';

/** Demo accounts by persona. */
export const BUYER = 'buyer@anchor.demo';
export const PLANNER = 'planner@anchor.demo';
export const ANCHOR_ADMIN = 'admin@anchor.demo';
export const BUYER2 = 'buyer@anchor2.demo';
export const CASTINGS = 'sales@castings.demo';
export const BEARINGS = 'sales@bearings.demo';
export const HYDRAULICS = 'sales@hydraulics.demo';
export const ALLIANCE_ADMIN = 'standards@alliance.demo';

export const ORG = {
  alliance: DEMO_ORGANIZATIONS.alliance.id,
  anchor: DEMO_ORGANIZATIONS.anchor.id,
  anchor2: DEMO_ORGANIZATIONS.anchor2.id,
  castings: DEMO_ORGANIZATIONS.castings.id,
  bearings: DEMO_ORGANIZATIONS.bearings.id,
  hydraulics: DEMO_ORGANIZATIONS.hydraulics.id,
};

export function demoPartId(anchor: 'anchor' | 'anchor2', partNumber: string): string {
  return demoId(`part:${anchor}:${partNumber}`);
}

export function demoPartnershipId(anchor: 'anchor' | 'anchor2', supplier: 'castings' | 'bearings' | 'hydraulics'): string {
  return demoId(`partnership:${anchor}:${supplier}`);
}

/** A well-formed id that exists nowhere. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
