import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { BEARINGS, BUYER, BUYER2, CASTINGS, demoPartId, MISSING_ID, ORG, PLANNER, ALLIANCE_ADMIN } from './support/fixtures.js';

const PARTS = `query($search: String, $first: Int, $after: String, $supplierId: ID) {
  parts(search: $search, first: $first, after: $after, supplierId: $supplierId) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id partNumber description uom attributes supplierParts { supplier { id } supplierPartNumber leadTimeDays } }
  }
}`;
const PART = `query($id: ID!) { part(id: $id) { id partNumber supplierParts { supplier { id name } supplierPartNumber leadTimeDays } } }`;
const CREATE = `mutation($input: PartInput!) { createPart(input: $input) { id partNumber description uom attributes supplierParts { supplierPartNumber } } }`;
const MAP = `mutation($input: SupplierPartInput!) { mapSupplierPart(input: $input) { id supplierParts { supplier { id } supplierPartNumber leadTimeDays } } }`;

describe('parts and supplier part mappings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the anchor its part master and each supplier the parts mapped to it', async () => {
    const anchor = (await t.ok(PARTS, { first: 200 }, BUYER)).parts;
    expect(anchor.totalCount).toBe(14);
    expect(anchor.nodes.every((p: any) => p.partNumber.startsWith('YH-'))).toBe(true);
    const castings = (await t.ok(PARTS, {}, CASTINGS)).parts;
    expect(castings.nodes.map((p: any) => p.partNumber)).toEqual([
      'YH-CST-1001',
      'YH-CST-1002',
      'YH-CST-1003',
      'YH-CST-1004',
      'YH-CST-1005',
    ]);
    // A supplier serving two anchors sees both anchors' parts mapped to it, never the others.
    const bearings = (await t.ok(PARTS, {}, BEARINGS)).parts;
    expect(bearings.totalCount).toBe(8);
    expect(bearings.nodes.filter((p: any) => p.partNumber.startsWith('DF-'))).toHaveLength(4);
    expect((await t.ok(PARTS, {}, BUYER2)).parts.totalCount).toBe(4);
    expect((await t.ok(PARTS, {}, ALLIANCE_ADMIN)).parts.totalCount).toBe(0);
  });

  it("narrows to the parts mapped to one supplier, within the caller's own parts", async () => {
    const castings = (await t.ok(PARTS, { first: 200, supplierId: ORG.castings }, BUYER)).parts;
    expect(castings.nodes.map((p: any) => p.partNumber)).toEqual([
      'YH-CST-1001',
      'YH-CST-1002',
      'YH-CST-1003',
      'YH-CST-1004',
      'YH-CST-1005',
    ]);
    expect((await t.ok(PARTS, { supplierId: ORG.castings, search: '1003' }, BUYER)).parts.nodes.map((p: any) => p.partNumber)).toEqual([
      'YH-CST-1003',
    ]);
    // Another anchor asking for the same supplier sees none of 远航重工's parts; a supplier, only its own.
    const other = (await t.ok(PARTS, { first: 200, supplierId: ORG.castings }, BUYER2)).parts;
    expect(other.nodes.filter((p: any) => p.partNumber.startsWith('YH-'))).toEqual([]);
    expect((await t.ok(PARTS, { supplierId: ORG.castings }, BEARINGS)).parts.totalCount).toBe(0);
    expect((await t.ok(PARTS, { supplierId: 'not-a-uuid' }, BUYER)).parts.totalCount).toBe(0);
    expect((await t.ok(PARTS, { supplierId: MISSING_ID }, BUYER)).parts.totalCount).toBe(0);
  });

  it('shows the anchor every mapping of a part and a supplier only its own', async () => {
    const id = demoPartId('anchor', 'YH-CST-1004');
    const anchorView = (await t.ok(PART, { id }, BUYER)).part;
    expect(anchorView.supplierParts.map((m: any) => m.supplier.id).sort()).toEqual([ORG.castings, ORG.hydraulics].sort());
    const supplierView = (await t.ok(PART, { id }, CASTINGS)).part;
    expect(supplierView.supplierParts).toEqual([
      { supplier: { id: ORG.castings, name: '精工铸造' }, supplierPartNumber: 'JG-FT-0310', leadTimeDays: 38 },
    ]);
  });

  it('pages with opaque cursors, caps first at 200 and refuses bad paging input', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await t.ok(PARTS, { first: 5, after }, BUYER)).parts;
      expect(page.totalCount).toBe(14);
      seen.push(...page.nodes.map((p: any) => p.partNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(14);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(14);
    expect((await t.ok(PARTS, { first: 5000 }, BUYER)).parts.nodes).toHaveLength(14);
    expect(codes(await t.gql(PARTS, { first: -1 }, BUYER))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(PARTS, { after: 'garbage' }, BUYER))).toEqual(['BAD_USER_INPUT']);
    expect((await t.ok(PARTS, { first: 0 }, BUYER)).parts).toMatchObject({ nodes: [], totalCount: 14 });
  });

  it('searches part numbers, descriptions and supplier part numbers', async () => {
    const bySupplierNumber = (await t.ok(PARTS, { search: 'HD-6312' }, BUYER)).parts.nodes;
    expect(bySupplierNumber.map((p: any) => p.partNumber)).toEqual(['YH-BRG-2003']);
    expect((await t.ok(PARTS, { search: '油缸' }, BUYER)).parts.totalCount).toBe(2);
    expect((await t.ok(PARTS, { search: '100%_' }, BUYER)).parts.totalCount).toBe(0);
    // A supplier cannot find another supplier's numbers through search.
    expect((await t.ok(PARTS, { search: 'HT-VB-2207' }, CASTINGS)).parts.totalCount).toBe(0);
  });

  it('creates parts checked against the unit-of-measure code list', async () => {
    const input = { partNumber: 'YH-NEW-9001', description: '新物料 New part', uom: 'KGM', attributes: { material: 'Q235' } };
    const created = (await t.ok(CREATE, { input }, PLANNER)).createPart;
    expect(created).toMatchObject({ partNumber: 'YH-NEW-9001', uom: 'KGM', attributes: { material: 'Q235' }, supplierParts: [] });
    const dup = await t.gql(CREATE, { input }, BUYER);
    expect(codes(dup)).toEqual(['CONFLICT']);
    // Another anchor may use the same part number.
    expect(codes(await t.gql(CREATE, { input }, BUYER2))).toEqual([]);

    const badUom = await t.gql(CREATE, { input: { ...input, partNumber: 'YH-NEW-9002', uom: 'XYZ' } }, BUYER);
    expect(codes(badUom)).toEqual(['VALIDATION_FAILED']);
    expect(badUom.errors![0].extensions.violations).toEqual([{ path: 'uom', rule: 'codeList', message: '“XYZ”不在代码表 UOM 中' }]);
    expect(codes(await t.gql(CREATE, { input: { ...input, partNumber: 'YH-NEW-9003', attributes: [1, 2] } }, BUYER))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await t.gql(CREATE, { input: { ...input, partNumber: '' } }, BUYER))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CREATE, { input: { ...input, partNumber: 'X'.repeat(65) } }, BUYER))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CREATE, { input: { ...input, partNumber: 'YH-NEW-9004' } }, CASTINGS))).toEqual(['FORBIDDEN']);
    expect(await t.sql(`SELECT part_number FROM parts WHERE part_number LIKE 'YH-NEW-900%' AND part_number <> 'YH-NEW-9001'`)).toEqual([]);
  });

  it('maps parts to partner suppliers, once per part and supplier', async () => {
    const partId = demoPartId('anchor', 'YH-BRG-2002');
    const mapped = await t.ok(MAP, { input: { partId, supplierId: ORG.castings, supplierPartNumber: 'JG-32218', leadTimeDays: 9 } }, BUYER);
    expect(mapped.mapSupplierPart.supplierParts).toContainEqual({
      supplier: { id: ORG.castings },
      supplierPartNumber: 'JG-32218',
      leadTimeDays: 9,
    });
    const remapped = await t.ok(MAP, { input: { partId, supplierId: ORG.castings, supplierPartNumber: 'JG-32218-B' } }, BUYER);
    const castingsMappings = remapped.mapSupplierPart.supplierParts.filter((m: any) => m.supplier.id === ORG.castings);
    expect(castingsMappings).toEqual([{ supplier: { id: ORG.castings }, supplierPartNumber: 'JG-32218-B', leadTimeDays: null }]);
    // The supplier now sees the part.
    expect((await t.ok(PART, { id: partId }, CASTINGS)).part.partNumber).toBe('YH-BRG-2002');

    const dupNumber = await t.gql(
      MAP,
      { input: { partId: demoPartId('anchor', 'YH-BRG-2003'), supplierId: ORG.castings, supplierPartNumber: 'JG-32218-B' } },
      BUYER,
    );
    expect(codes(dupNumber)).toEqual(['CONFLICT']);
    expect(
      codes(await t.gql(MAP, { input: { partId, supplierId: ORG.castings, supplierPartNumber: 'X', leadTimeDays: -1 } }, BUYER)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses foreign parts and non-partner suppliers exactly like missing ones', async () => {
    const foreignPart = demoPartId('anchor2', 'DF-BRG-501');
    const notFound = async (query: string, vars: Record<string, unknown>, as: string) => {
      const res = await t.gql(query, vars, as);
      expect(codes(res)).toEqual(['NOT_FOUND']);
      return res.errors![0].message;
    };
    const missingPart = await notFound(PART, { id: MISSING_ID }, BUYER);
    expect(await notFound(PART, { id: foreignPart }, BUYER)).toBe(missingPart);
    expect(await notFound(PART, { id: 'nonsense' }, BUYER)).toBe(missingPart);
    expect(await notFound(PART, { id: demoPartId('anchor', 'YH-HYD-3001') }, CASTINGS)).toBe(missingPart);
    expect(await notFound(PART, { id: demoPartId('anchor', 'YH-CST-1001') }, BUYER2)).toBe(missingPart);

    const input = { partId: foreignPart, supplierId: ORG.bearings, supplierPartNumber: 'X' };
    expect(await notFound(MAP, { input }, BUYER)).toBe(missingPart);
    const ownPart = demoPartId('anchor2', 'DF-BRG-501');
    const noPartner = await notFound(MAP, { input: { partId: ownPart, supplierId: ORG.castings, supplierPartNumber: 'X' } }, BUYER2);
    const missingSupplier = await notFound(MAP, { input: { partId: ownPart, supplierId: MISSING_ID, supplierPartNumber: 'X' } }, BUYER2);
    expect(noPartner).toBe(missingSupplier);
  });
});
