import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import {
  ALLIANCE_ADMIN,
  ANCHOR_ADMIN,
  BEARINGS,
  BUYER,
  BUYER2,
  CASTINGS,
  demoPartnershipId,
  HYDRAULICS,
  MISSING_ID,
  ORG,
} from './support/fixtures.js';

const PARTNERSHIPS = `query($status: PartnershipStatus) { partnerships(status: $status) { id status supplierCode activatedAt anchor { id } supplier { id name } } }`;
const SET_STATUS = `mutation($id: ID!, $status: PartnershipStatus!) { setPartnershipStatus(id: $id, status: $status) { id status activatedAt } }`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { id name kind creditCode gradientLevel createdAt } }`;

describe('partnerships and organizations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows each side its own partnerships', async () => {
    const anchor = await t.ok(PARTNERSHIPS, {}, BUYER);
    expect(anchor.partnerships.map((p: any) => p.supplier.id).sort()).toEqual([ORG.castings, ORG.bearings, ORG.hydraulics].sort());
    expect(anchor.partnerships.every((p: any) => p.status === 'ACTIVE' && p.activatedAt)).toBe(true);
    const bearings = await t.ok(PARTNERSHIPS, {}, BEARINGS);
    expect(bearings.partnerships.map((p: any) => p.anchor.id).sort()).toEqual([ORG.anchor, ORG.anchor2].sort());
    const castings = await t.ok(PARTNERSHIPS, {}, CASTINGS);
    expect(castings.partnerships.map((p: any) => p.anchor.id)).toEqual([ORG.anchor]);
    expect((await t.ok(PARTNERSHIPS, {}, ALLIANCE_ADMIN)).partnerships).toEqual([]);
    expect((await t.ok(PARTNERSHIPS, { status: 'SUSPENDED' }, BUYER)).partnerships).toEqual([]);
  });

  it('lets the anchor admin suspend and re-activate a supplier', async () => {
    const id = demoPartnershipId('anchor', 'hydraulics');
    const suspended = await t.ok(SET_STATUS, { id, status: 'SUSPENDED' }, ANCHOR_ADMIN);
    expect(suspended.setPartnershipStatus.status).toBe('SUSPENDED');
    expect((await t.ok(PARTNERSHIPS, { status: 'SUSPENDED' }, HYDRAULICS)).partnerships.map((p: any) => p.id)).toEqual([id]);
    // A suspended supplier still sees its anchor (past data stays readable).
    expect((await t.ok(ORGANIZATION, { id: ORG.anchor }, HYDRAULICS)).organization.name).toBe('远航重工');
    const active = await t.ok(SET_STATUS, { id, status: 'ACTIVE' }, ANCHOR_ADMIN);
    expect(active.setPartnershipStatus.status).toBe('ACTIVE');
    expect(active.setPartnershipStatus.activatedAt).toBe(suspended.setPartnershipStatus.activatedAt);
  });

  it('refuses status changes by others, to INVITED, and on foreign partnerships', async () => {
    const id = demoPartnershipId('anchor', 'castings');
    expect(codes(await t.gql(SET_STATUS, { id, status: 'SUSPENDED' }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(SET_STATUS, { id, status: 'SUSPENDED' }, CASTINGS))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(SET_STATUS, { id, status: 'INVITED' }, ANCHOR_ADMIN))).toEqual(['BAD_USER_INPUT']);
    const foreign = await t.gql(SET_STATUS, { id: demoPartnershipId('anchor2', 'bearings'), status: 'SUSPENDED' }, ANCHOR_ADMIN);
    const missing = await t.gql(SET_STATUS, { id: MISSING_ID, status: 'SUSPENDED' }, ANCHOR_ADMIN);
    const malformed = await t.gql(SET_STATUS, { id: 'not-an-id', status: 'SUSPENDED' }, ANCHOR_ADMIN);
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(malformed.errors![0].message).toBe(missing.errors![0].message);
    const [{ status }] = await t.sql(`SELECT status FROM partnerships WHERE id = $1`, [demoPartnershipId('anchor2', 'bearings')]);
    expect(status).toBe('ACTIVE');
  });

  it('shows an organization to itself, its partners and everybody for alliances, and NOT_FOUND otherwise', async () => {
    expect((await t.ok(ORGANIZATION, { id: ORG.anchor }, BUYER)).organization).toMatchObject({ kind: 'ANCHOR', gradientLevel: null });
    expect((await t.ok(ORGANIZATION, { id: ORG.castings }, BUYER)).organization.name).toBe('精工铸造');
    expect((await t.ok(ORGANIZATION, { id: ORG.alliance }, CASTINGS)).organization.kind).toBe('ALLIANCE');
    expect((await t.ok(ORGANIZATION, { id: ORG.anchor2 }, BEARINGS)).organization.name).toBe('东方精机');
    const hidden = [
      [CASTINGS, ORG.hydraulics],
      [CASTINGS, ORG.anchor2],
      [BUYER2, ORG.anchor],
      [BUYER2, ORG.castings],
      [BUYER, ORG.anchor2],
    ];
    const missing = await t.gql(ORGANIZATION, { id: MISSING_ID }, CASTINGS);
    for (const [as, id] of hidden) {
      const res = await t.gql(ORGANIZATION, { id }, as);
      expect(codes(res)).toEqual(['NOT_FOUND']);
      expect(res.errors![0].message).toBe(missing.errors![0].message);
    }
  });
});
