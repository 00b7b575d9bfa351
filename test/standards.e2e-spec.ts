import { businessToday } from '@anchorlink/core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashPassword } from '@anchorlink/identity';
import { codes, TestApp } from './support/test-app.js';
import { ALLIANCE_ADMIN, ANCHOR_ADMIN, BUYER, CASTINGS, ORG } from './support/fixtures.js';

const STANDARD = `query($code: String!) {
  dataStandard(code: $code) {
    id code name kind owner { id kind }
    latestPublished { id version status }
    versions { id version status changeSummary publishedAt sunsetDate adoptionCount
      compatibility { breaking changes }
      codes { code label labelZh labelEn deprecated } fields { name type required codeList pattern maxLength minimum unit } }
  }
}`;
const STANDARDS = `query($status: StandardStatus) { dataStandards(status: $status) { code kind latestPublished { version } } }`;
const CREATE = `mutation($input: CreateDataStandardInput!) { createDataStandard(input: $input) { id code kind } }`;
const CREATE_VERSION = `mutation($id: ID!, $input: StandardVersionInput!) { createStandardVersion(standardId: $id, input: $input) { id version status } }`;
const UPDATE_VERSION = `mutation($id: ID!, $input: StandardVersionInput!) { updateStandardVersion(versionId: $id, input: $input) { id version status codes { code } } }`;
const DELETE_VERSION = `mutation($id: ID!) { deleteStandardVersion(versionId: $id) }`;
const PUBLISH = `mutation($id: ID!) { publishStandardVersion(versionId: $id) { id version status publishedAt compatibility { breaking changes } } }`;
const PREVIEW = `query($id: ID!) { standardVersionPublicationPreview(versionId: $id) { against breaking changes requiredStep versionStep publishable } }`;
const DEPRECATE = `mutation($id: ID!, $d: Date!) { deprecateStandardVersion(versionId: $id, sunsetDate: $d) { id status sunsetDate } }`;
const ADOPT = `mutation($id: ID!) { adoptStandardVersion(versionId: $id) { adoptedAt organization { id } standardVersion { id version standard { code } } } }`;
const ADOPTIONS = `{ adoptions { standardVersion { version standard { code } } } }`;
const VALIDATE = `query($code: String!, $version: String, $record: JSON!) {
  validateRecord(standardCode: $code, version: $version, record: $record) { valid standardVersion { version } violations { path rule message } }
}`;
const CREATE_PART = `mutation($input: PartInput!) { createPart(input: $input) { id } }`;

const entry = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  labelZh: `${code}（中）`,
  labelEn: `${code} (en)`,
  ...extra,
});

/** A business date (China time) `days` from today, as sunset dates are compared. */
function inDays(days: number): string {
  const d = new Date(`${businessToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('shared data standards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with the published catalogue, adopted by the demo anchor and suppliers', async () => {
    const list = (await t.ok(STANDARDS, {}, CASTINGS)).dataStandards;
    expect(list.map((s: any) => s.code)).toEqual(['CURRENCY', 'MATERIAL-CLASS', 'PART-MASTER', 'UOM']);
    expect(list.every((s: any) => s.latestPublished.version === '1.0.0')).toBe(true);

    const uom = (await t.ok(STANDARD, { code: 'UOM' }, BUYER)).dataStandard;
    expect(uom.owner).toEqual({ id: ORG.alliance, kind: 'ALLIANCE' });
    const uomCodes = uom.versions[0].codes.map((c: any) => c.code);
    expect(uomCodes.length).toBeGreaterThanOrEqual(25);
    for (const c of [
      'C62',
      'H87',
      'KGM',
      'GRM',
      'TNE',
      'MTR',
      'MMT',
      'CMT',
      'MTK',
      'MTQ',
      'LTR',
      'MLT',
      'SET',
      'PR',
      'BX',
      'CT',
      'PA',
      'ROL',
      'DZN',
      'HUR',
      'MIN',
      'KWH',
      'NEW',
      'KMT',
      'PK',
    ]) {
      expect(uomCodes).toContain(c);
    }
    expect(uom.versions[0].adoptionCount).toBe(5);
    const currency = (await t.ok(STANDARD, { code: 'CURRENCY' }, BUYER)).dataStandard.versions[0].codes.map((c: any) => c.code);
    expect(currency.length).toBeGreaterThanOrEqual(20);
    for (const c of ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'KRW', 'GBP']) expect(currency).toContain(c);
    const partMaster = (await t.ok(STANDARD, { code: 'PART-MASTER' }, BUYER)).dataStandard.versions[0].fields;
    expect(partMaster.map((f: any) => f.name)).toEqual(['material', 'weightKg', 'drawingNumber', 'materialClass']);
    expect((await t.ok(ADOPTIONS, {}, CASTINGS)).adoptions).toHaveLength(4);
  });

  it("labels codes in the reader's language", async () => {
    await t.sql(`UPDATE users SET locale = 'en' WHERE email = $1`, [CASTINGS]);
    const en = (await t.ok(STANDARD, { code: 'UOM' }, await t.tokenFor(CASTINGS, undefined, true))).dataStandard;
    expect(en.versions[0].codes.find((c: any) => c.code === 'KGM').label).toBe('kilogram');
    const zh = (await t.ok(STANDARD, { code: 'UOM' }, BUYER)).dataStandard;
    expect(zh.versions[0].codes.find((c: any) => c.code === 'KGM').label).toBe('千克');
  });

  describe('lifecycle of a code list', () => {
    let standardId: string;
    let v1: string;

    it('creates a standard and a draft only the owner sees', async () => {
      expect(codes(await t.gql(CREATE, { input: { code: 'BAD code', name: 'x', kind: 'CODE_LIST' } }, ALLIANCE_ADMIN))).toEqual([
        'BAD_USER_INPUT',
      ]);
      const created = (await t.ok(CREATE, { input: { code: 'pack-type', name: '包装类型 Packaging', kind: 'CODE_LIST' } }, ALLIANCE_ADMIN))
        .createDataStandard;
      expect(created.code).toBe('PACK-TYPE');
      standardId = created.id;
      expect(codes(await t.gql(CREATE, { input: { code: 'PACK-TYPE', name: 'again', kind: 'CODE_LIST' } }, ALLIANCE_ADMIN))).toEqual([
        'CONFLICT',
      ]);

      const draft = await t.ok(
        CREATE_VERSION,
        { id: standardId, input: { version: '1.0.0', codes: [entry('BOX'), entry('PALLET')] } },
        ALLIANCE_ADMIN,
      );
      v1 = draft.createStandardVersion.id;
      expect(draft.createStandardVersion.status).toBe('DRAFT');
      expect(codes(await t.gql(STANDARD, { code: 'PACK-TYPE' }, BUYER))).toEqual(['NOT_FOUND']);
      expect((await t.ok(STANDARD, { code: 'PACK-TYPE' }, ALLIANCE_ADMIN)).dataStandard.versions).toHaveLength(1);
      expect(
        codes(await t.gql(CREATE_VERSION, { id: standardId, input: { version: '1.0.0', codes: [entry('X')] } }, ALLIANCE_ADMIN)),
      ).toEqual(['CONFLICT']);
      expect(
        codes(await t.gql(CREATE_VERSION, { id: standardId, input: { version: '1.0', codes: [entry('X')] } }, ALLIANCE_ADMIN)),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await t.gql(CREATE_VERSION, { id: standardId, input: { version: '1.0.1', codes: [entry('X'), entry('X')] } }, ALLIANCE_ADMIN),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await t.gql(
            CREATE_VERSION,
            { id: standardId, input: { version: '1.0.1', fields: [{ name: 'a', type: 'STRING', required: true }] } },
            ALLIANCE_ADMIN,
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });

    it('edits a draft, publishes it, and from then on it never changes', async () => {
      const edited = await t.ok(
        UPDATE_VERSION,
        { id: v1, input: { version: '1.0.0', codes: [entry('BOX'), entry('PALLET'), entry('CRATE')] } },
        ALLIANCE_ADMIN,
      );
      expect(edited.updateStandardVersion.codes.map((c: any) => c.code)).toEqual(['BOX', 'PALLET', 'CRATE']);
      const published = (await t.ok(PUBLISH, { id: v1 }, ALLIANCE_ADMIN)).publishStandardVersion;
      expect(published).toMatchObject({ status: 'PUBLISHED', compatibility: { breaking: false, changes: [] } });
      expect(published.publishedAt).toBeTruthy();

      const edit = await t.gql(UPDATE_VERSION, { id: v1, input: { version: '1.0.0', codes: [entry('BOX')] } }, ALLIANCE_ADMIN);
      expect(codes(edit)).toEqual(['CONFLICT']);
      expect(edit.errors![0].message).toContain('PUBLISHED');
      expect(codes(await t.gql(DELETE_VERSION, { id: v1 }, ALLIANCE_ADMIN))).toEqual(['CONFLICT']);
      expect(codes(await t.gql(PUBLISH, { id: v1 }, ALLIANCE_ADMIN))).toEqual(['CONFLICT']);
      // Not even the database owner can change it behind the API's back.
      await expect(t.sql(`UPDATE standard_versions SET codes = '[]' WHERE id = $1`, [v1])).rejects.toThrow(/immutable/);
      await expect(t.sql(`DELETE FROM standard_versions WHERE id = $1`, [v1])).rejects.toThrow(/cannot be deleted/);
      // Now everybody reads it.
      expect((await t.ok(STANDARD, { code: 'PACK-TYPE' }, BUYER)).dataStandard.latestPublished.version).toBe('1.0.0');
    });

    it('deletes drafts only', async () => {
      const draft = (await t.ok(CREATE_VERSION, { id: standardId, input: { version: '9.0.0', codes: [entry('BOX')] } }, ALLIANCE_ADMIN))
        .createStandardVersion;
      expect((await t.ok(DELETE_VERSION, { id: draft.id }, ALLIANCE_ADMIN)).deleteStandardVersion).toBe(true);
      expect(codes(await t.gql(DELETE_VERSION, { id: draft.id }, ALLIANCE_ADMIN))).toEqual(['NOT_FOUND']);
    });

    it('guards semver: additions need a minor step, removals a major one', async () => {
      const draft = async (version: string, list: Record<string, unknown>[]) =>
        (await t.ok(CREATE_VERSION, { id: standardId, input: { version, codes: list } }, ALLIANCE_ADMIN)).createStandardVersion.id;
      const base = [entry('BOX'), entry('PALLET'), entry('CRATE')];

      const patchWithAddition = await draft('1.0.1', [...base, entry('DRUM')]);
      const refused = await t.gql(PUBLISH, { id: patchWithAddition }, ALLIANCE_ADMIN);
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].message).toContain('新增代码 DRUM');
      await t.ok(DELETE_VERSION, { id: patchWithAddition }, ALLIANCE_ADMIN);

      const minor = (await t.ok(PUBLISH, { id: await draft('1.1.0', [...base, entry('DRUM')]) }, ALLIANCE_ADMIN)).publishStandardVersion;
      expect(minor.compatibility).toEqual({ breaking: false, changes: ['新增代码 DRUM'] });

      const minorWithRemoval = await draft('1.2.0', [entry('BOX'), entry('PALLET'), entry('DRUM')]);
      // The report shown before confirming says what publishing would: breaking, needs a major step.
      expect((await t.ok(PREVIEW, { id: minorWithRemoval }, ALLIANCE_ADMIN)).standardVersionPublicationPreview).toEqual({
        against: '1.1.0',
        breaking: true,
        changes: ['删除代码 CRATE（不兼容）'],
        requiredStep: 'major',
        versionStep: 'minor',
        publishable: false,
      });
      expect(codes(await t.gql(PREVIEW, { id: minorWithRemoval }, BUYER))).toEqual(['FORBIDDEN']);
      const breaking = await t.gql(PUBLISH, { id: minorWithRemoval }, ALLIANCE_ADMIN);
      expect(codes(breaking)).toEqual(['BAD_USER_INPUT']);
      expect(breaking.errors![0].extensions.errors).toEqual(['删除代码 CRATE（不兼容）']);
      await t.ok(DELETE_VERSION, { id: minorWithRemoval }, ALLIANCE_ADMIN);

      const majorDraft = await draft('2.0.0', [entry('BOX'), entry('PALLET'), entry('DRUM')]);
      expect((await t.ok(PREVIEW, { id: majorDraft }, ALLIANCE_ADMIN)).standardVersionPublicationPreview).toMatchObject({
        breaking: true,
        versionStep: 'major',
        publishable: true,
      });
      const major = (await t.ok(PUBLISH, { id: majorDraft }, ALLIANCE_ADMIN)).publishStandardVersion;
      expect(major.compatibility.breaking).toBe(true);
      // Only drafts have a publication ahead of them.
      expect(codes(await t.gql(PREVIEW, { id: majorDraft }, ALLIANCE_ADMIN))).toEqual(['CONFLICT']);

      const labelOnly = await draft('2.0.1', [entry('BOX', { labelEn: 'Carton box' }), entry('PALLET'), entry('DRUM')]);
      expect((await t.ok(PUBLISH, { id: labelOnly }, ALLIANCE_ADMIN)).publishStandardVersion.compatibility.changes).toEqual([
        '代码 BOX 的名称已修改',
      ]);
      const older = await draft('1.5.0', [entry('BOX'), entry('PALLET'), entry('DRUM')]);
      expect(codes(await t.gql(PUBLISH, { id: older }, ALLIANCE_ADMIN))).toEqual(['BAD_USER_INPUT']);
    });
  });

  it('validates records with a path, a rule and a message per violation', async () => {
    const report = (
      await t.ok(
        VALIDATE,
        { code: 'PART-MASTER', record: { weightKg: '-2', drawingNumber: 'dwg 1', materialClass: 'WOOD', colour: 'red' } },
        BUYER,
      )
    ).validateRecord;
    expect(report.valid).toBe(false);
    expect(report.standardVersion.version).toBe('1.0.0');
    expect(report.violations.map((v: any) => `${v.path}:${v.rule}`)).toEqual([
      'colour:unknownField',
      'material:required',
      'weightKg:minimum',
      'drawingNumber:pattern',
      'materialClass:codeList',
    ]);
    const ok = (await t.ok(VALIDATE, { code: 'PART-MASTER', version: '1.0.0', record: { material: 'QT500-7', weightKg: 12.5 } }, BUYER))
      .validateRecord;
    expect(ok).toEqual({ valid: true, standardVersion: { version: '1.0.0' }, violations: [] });
    expect((await t.ok(VALIDATE, { code: 'UOM', record: 'XYZ' }, BUYER)).validateRecord.violations[0].rule).toBe('codeList');
    expect(codes(await t.gql(VALIDATE, { code: 'NO-SUCH', record: {} }, BUYER))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(VALIDATE, { code: 'UOM', version: '7.0.0', record: 'KGM' }, BUYER))).toEqual(['NOT_FOUND']);
  });

  it('refuses parts the adopted standards reject, with VALIDATION_FAILED and paths', async () => {
    const res = await t.gql(
      CREATE_PART,
      { input: { partNumber: 'YH-STD-1', description: 'x', uom: 'XYZ', attributes: { material: 'Q235', weightKg: '-1', colour: 'red' } } },
      BUYER,
    );
    expect(codes(res)).toEqual(['VALIDATION_FAILED']);
    expect(res.errors![0].extensions.violations.map((v: any) => `${v.path}:${v.rule}`)).toEqual([
      'uom:codeList',
      'attributes.colour:unknownField',
      'attributes.weightKg:minimum',
    ]);
    expect(codes(await t.gql(CREATE_PART, { input: { partNumber: 'YH-STD-2', description: 'x', uom: 'KGM' } }, BUYER))).toEqual([
      'VALIDATION_FAILED',
    ]);
    expect(await t.sql(`SELECT 1 FROM parts WHERE part_number LIKE 'YH-STD-%'`)).toHaveLength(0);
  });

  it('governs each organization by its own adoption; adopting another version replaces it', async () => {
    // The alliance publishes UOM 1.1.0 with a new code; the anchor has adopted 1.0.0.
    const uom = (await t.ok(STANDARD, { code: 'UOM' }, ALLIANCE_ADMIN)).dataStandard;
    const current = uom.versions[0].codes.map((c: any) => ({ code: c.code, labelZh: c.labelZh, labelEn: c.labelEn }));
    const draft = (
      await t.ok(CREATE_VERSION, { id: uom.id, input: { version: '1.1.0', codes: [...current, entry('KGS')] } }, ALLIANCE_ADMIN)
    ).createStandardVersion;
    await t.ok(PUBLISH, { id: draft.id }, ALLIANCE_ADMIN);
    const part = { partNumber: 'YH-KGS-1', description: 'x', uom: 'KGS', attributes: { material: 'Q235' } };
    expect(codes(await t.gql(CREATE_PART, { input: part }, BUYER))).toEqual(['VALIDATION_FAILED']);

    expect(codes(await t.gql(ADOPT, { id: draft.id }, BUYER))).toEqual(['FORBIDDEN']);
    const adopted = (await t.ok(ADOPT, { id: draft.id }, ANCHOR_ADMIN)).adoptStandardVersion;
    expect(adopted).toMatchObject({ organization: { id: ORG.anchor }, standardVersion: { version: '1.1.0', standard: { code: 'UOM' } } });
    expect(codes(await t.gql(CREATE_PART, { input: part }, BUYER))).toEqual([]);
    const mine = (await t.ok(ADOPTIONS, {}, BUYER)).adoptions.filter((a: any) => a.standardVersion.standard.code === 'UOM');
    expect(mine).toEqual([{ standardVersion: { version: '1.1.0', standard: { code: 'UOM' } } }]);
    const history = await t.sql(`SELECT count(*)::int AS n FROM adoptions WHERE org_id = $1 AND standard_id = $2`, [ORG.anchor, uom.id]);
    expect(history[0].n).toBe(2);
  });

  it('validates with a deprecated version until its sunset date, then refuses and says it is retired', async () => {
    const pm = (await t.ok(STANDARD, { code: 'PART-MASTER' }, ALLIANCE_ADMIN)).dataStandard.versions[0];
    expect(codes(await t.gql(DEPRECATE, { id: pm.id, d: inDays(-1) }, ALLIANCE_ADMIN))).toEqual(['BAD_USER_INPUT']);
    const deprecated = (await t.ok(DEPRECATE, { id: pm.id, d: inDays(30) }, ALLIANCE_ADMIN)).deprecateStandardVersion;
    expect(deprecated.status).toBe('DEPRECATED');
    const part = (n: number) => ({ partNumber: `YH-DEP-${n}`, description: 'x', uom: 'KGM', attributes: { material: 'Q235' } });
    expect(codes(await t.gql(CREATE_PART, { input: part(1) }, BUYER))).toEqual([]);
    expect(codes(await t.gql(ADOPT, { id: pm.id }, CASTINGS))).toEqual(['CONFLICT']);

    // Time passes beyond the sunset date.
    await t.sql(`UPDATE standard_versions SET sunset_date = current_date - 2 WHERE id = $1`, [pm.id]);
    const retired = await t.gql(CREATE_PART, { input: part(2) }, BUYER);
    expect(codes(retired)).toEqual(['VALIDATION_FAILED']);
    expect(retired.errors![0].extensions.violations[0]).toMatchObject({ path: 'attributes', rule: 'retired' });
    const report = (await t.ok(VALIDATE, { code: 'PART-MASTER', record: { material: 'Q235' } }, BUYER)).validateRecord;
    expect(report.valid).toBe(false);
    expect(report.violations[0].message).toContain('停用');
    expect((await t.ok(STANDARD, { code: 'PART-MASTER' }, BUYER)).dataStandard.versions[0].status).toBe('RETIRED');
    expect((await t.ok(STANDARDS, { status: 'RETIRED' }, BUYER)).dataStandards.map((s: any) => s.code)).toEqual(['PART-MASTER']);
  });

  it('lets only the owning alliance change its standards', async () => {
    const input = { code: 'NOPE', name: 'x', kind: 'CODE_LIST' };
    expect(codes(await t.gql(CREATE, { input }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CREATE, { input }, ANCHOR_ADMIN))).toEqual(['FORBIDDEN']);
    // Another alliance's standards admin.
    const [{ id: other }] = await t.sql(`INSERT INTO organizations (name, kind) VALUES ('其他联盟', 'ALLIANCE') RETURNING id`);
    await t.sql(
      `INSERT INTO users (org_id, email, password_hash, display_name, roles) VALUES ($1, 'admin@other.demo', $2, 'Other', '{STANDARDS_ADMIN}')`,
      [other, await hashPassword('Other-alliance-2026')],
    );
    const token = await t.tokenFor('admin@other.demo', 'Other-alliance-2026');
    const uom = (await t.ok(STANDARD, { code: 'UOM' }, token)).dataStandard;
    expect(codes(await t.gql(CREATE_VERSION, { id: uom.id, input: { version: '3.0.0', codes: [entry('X')] } }, token))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await t.gql(DEPRECATE, { id: uom.versions[0].id, d: inDays(10) }, token))).toEqual(['FORBIDDEN']);
    // Drafts of others are not even there.
    const draft = (await t.ok(CREATE_VERSION, { id: uom.id, input: { version: '5.0.0', codes: [entry('X')] } }, ALLIANCE_ADMIN))
      .createStandardVersion;
    expect(codes(await t.gql(PUBLISH, { id: draft.id }, token))).toEqual(['NOT_FOUND']);
  });

  it('audits every change', async () => {
    const rows = await t.sql(`SELECT action, count(*)::int AS n FROM audit_events WHERE org_id = $1 GROUP BY action`, [ORG.alliance]);
    const actions = Object.fromEntries(rows.map((r: any) => [r.action, r.n]));
    expect(actions).toMatchObject({
      'standard.created': expect.any(Number),
      'standard_version.created': expect.any(Number),
      'standard_version.updated': 1,
      'standard_version.published': expect.any(Number),
      'standard_version.deleted': expect.any(Number),
      'standard_version.deprecated': 1,
    });
    await expect(t.sql(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
