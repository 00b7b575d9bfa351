import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { TestApp } from './support/test-app.js';
import { screenshot, signIn, usePortal } from './support/portal.js';
import { ALLIANCE_ADMIN, BUYER, CASTINGS, ORG, PLANNER } from './support/fixtures.js';
import { publishedOrder } from './support/orders.js';

describe('web portal in Chromium', () => {
  const portal = usePortal();
  const { contexts } = portal;
  const open = (locale?: string) => portal.open(locale);
  let t: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(() => {
    ({ t, base, browser } = portal);
  });

  /** What the main flow reads on the screen, in each language. */
  const TEXTS = {
    'zh-CN': {
      awaiting: /待我答复\s*[1-9]/,
      propose: '提出变更',
      reason: '数量变更',
      note: '产能不足，先交 8 件',
      proposed: '已提出变更',
      confirmed: '已确认',
      accepted: '接受变更',
      shot: '',
    },
    en: {
      awaiting: /Awaiting my answer\s*[1-9]/,
      propose: 'Propose change',
      reason: 'Quantity changed',
      note: 'Short of capacity: 8 now',
      proposed: 'Change proposed',
      confirmed: 'Confirmed',
      accepted: 'Change accepted',
      shot: '-en',
    },
  } as const;

  for (const language of ['zh-CN', 'en'] as const) {
    const text = TEXTS[language];
    it(`lets a supplier propose a change, the buyer accept it in another browser, and shows the supplier the confirmation live (${language})`, async () => {
      const order = await publishedOrder(t, { notes: '月度补货' });

      const supplier = await open(language);
      await signIn(supplier, CASTINGS);
      // The inbox: the new order waits for an answer, counted on its tab.
      await supplier.getByTestId('tab-awaiting').filter({ hasText: text.awaiting }).waitFor();
      await screenshot(supplier, `supplier-inbox${text.shot}`);
      await supplier.getByRole('link', { name: order.number }).click();
      await supplier.getByTestId('order-number').filter({ hasText: order.number }).waitFor();

      // Line 1: propose 8 instead of 10, with a reason; line 2 accepted.
      const line1 = supplier.getByTestId('answer-1');
      await line1.getByText(text.propose).click();
      await line1.getByTestId('proposed-quantity').fill('8');
      await line1.getByTestId('reason-code').click();
      await supplier.locator('.ant-select-item-option').filter({ hasText: text.reason }).click();
      await line1.getByTestId('reason').fill(text.note);
      await screenshot(supplier, `supplier-answer${text.shot}`);
      await supplier.getByTestId('submit-answer').click();
      await supplier.getByTestId('order-status').filter({ hasText: text.proposed }).first().waitFor();

      const buyer = await open(language);
      await signIn(buyer, BUYER);
      await buyer.goto(`${base}/orders/${order.id}`);
      await buyer.getByTestId('resolve-1').waitFor();
      await expect(buyer.getByText(text.note).count()).resolves.toBe(1);
      await screenshot(buyer, `buyer-resolve${text.shot}`);
      await buyer.getByTestId('submit-resolution').click();
      await buyer.getByTestId('order-status').filter({ hasText: text.confirmed }).first().waitFor();

      // The supplier's page changes without a reload (orderEvents subscription).
      await supplier.getByTestId('order-status').filter({ hasText: text.confirmed }).first().waitFor();
      await expect(supplier.getByTestId('history').textContent()).resolves.toContain(text.accepted);
      await screenshot(supplier, `supplier-confirmed${text.shot}`);

      const [row] = await t.sql<{ status: string; confirmed_quantity: string }>(
        `SELECT o.status, l.confirmed_quantity::text FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id WHERE o.id = $1 AND l.line_number = 1`,
        [order.id],
      );
      expect(row).toEqual({ status: 'CONFIRMED', confirmed_quantity: '8.000000' });
    });
  }

  it('refuses a wrong password in words, and an incomplete answer without sending it', async () => {
    const page = await open();
    await page.getByTestId('email').fill(CASTINGS);
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('sign-in').click();
    await page
      .getByTestId('error')
      .filter({ hasText: /请先登录|邮箱或密码/ })
      .waitFor();
    expect(await page.content()).not.toContain('"extensions"');

    const order = await publishedOrder(t);
    await signIn(page, CASTINGS);
    await page.goto(`${base}/orders/${order.id}`);
    const line1 = page.getByTestId('answer-1');
    await line1.getByText('拒绝').click();
    await page.getByTestId('submit-answer').click();
    await page.getByText('拒绝或变更时请选择原因代码').waitFor();
    const [row] = await t.sql<{ status: string }>(`SELECT status FROM purchase_orders WHERE id = $1`, [order.id]);
    expect(row.status).toBe('PUBLISHED');
  });

  it('lets a planner publish a forecast from CSV (errors shown first, nothing stored) and the supplier commit to it', async () => {
    const planner = await open();
    await signIn(planner, PLANNER);
    await planner.getByTestId('nav-forecasts').click();
    await planner.getByTestId('forecast-supplier').click();
    await planner.locator('.ant-select-item-option').filter({ hasText: '精工铸造' }).click();
    await planner.locator('.ant-input-number input').fill('2');
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM forecasts`);
    const upload = (text: string) =>
      planner.locator('input[type=file]').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

    await upload('part_number,2027-01-04,2027-01-11\nYH-CST-1001,12,x\nNO-SUCH-PART,1,1\n');
    await planner.getByTestId('forecast-preview').filter({ hasText: 'NO-SUCH-PART' }).waitFor();
    await planner.getByTestId('forecast-import').click();
    const problems = planner.getByTestId('forecast-problems');
    await problems.filter({ hasText: '2 处错误' }).waitFor();
    await expect(problems.textContent()).resolves.toContain('NO-SUCH-PART');
    await screenshot(planner, 'planner-forecast-errors');

    await upload('part_number,2027-01-04,2027-01-11,2027-01-18\nYH-CST-1001,12,10,8\nYH-CST-1003,"1,200",0,5\n');
    await planner.getByTestId('forecast-import').click();
    await planner.getByTestId('forecast-grid').waitFor();
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM forecasts`);
    expect(after[0].n).toBe(before[0].n + 1);

    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.getByTestId('nav-forecasts').click();
    await supplier.getByTestId('forecast-link').filter({ hasText: '远航重工' }).click();
    await supplier.getByTestId('commit-YH-CST-1001-0').fill('12');
    await supplier.getByTestId('commit-YH-CST-1001-1').fill('6');
    // Short of demand in the firm zone: the API wants a reason, the grid asks for it.
    await supplier.getByTestId('note-YH-CST-1001-1').fill('模具检修');
    await screenshot(supplier, 'supplier-forecast');
    await supplier.getByTestId('forecast-commit').click();
    await supplier.getByTestId('total-committed').filter({ hasText: /^18$/ }).waitFor();
    const rows = await t.sql<{ period_start: string; committed_quantity: string }>(
      `SELECT to_char(b.period_start, 'YYYY-MM-DD') AS period_start, b.committed_quantity::text FROM forecast_buckets b JOIN forecasts f ON f.id = b.forecast_id
        JOIN parts p ON p.id = b.part_id WHERE f.status = 'PUBLISHED' AND p.part_number = 'YH-CST-1001' AND b.committed_quantity IS NOT NULL ORDER BY 1`,
    );
    expect(rows).toEqual([
      { period_start: '2027-01-04', committed_quantity: '12.000000' },
      { period_start: '2027-01-11', committed_quantity: '6.000000' },
    ]);
    // The grid as CSV, as shown.
    const [download] = await Promise.all([supplier.waitForEvent('download'), supplier.getByTestId('forecast-download').click()]);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toMatch(/\nYH-CST-1001,2027-01-11,true,10,[^,]*,6,模具检修\r\n/);
  });

  it('lets an alliance admin edit a code list, shows the breaking change and refuses it until the version steps up, then publishes', async () => {
    const entry = (code: string, zh: string, en: string) => ({ code, labelZh: zh, labelEn: en });
    const standard = (
      await t.ok(
        `mutation { createDataStandard(input: { code: "CRATE-TYPE", name: "周转箱类型", kind: CODE_LIST }) { id } }`,
        {},
        ALLIANCE_ADMIN,
      )
    ).createDataStandard;
    const v1 = (
      await t.ok(
        `mutation($id: ID!, $input: StandardVersionInput!) { createStandardVersion(standardId: $id, input: $input) { id } }`,
        {
          id: standard.id,
          input: {
            version: '1.0.0',
            codes: [entry('BOX', '纸箱', 'Box'), entry('PALLET', '托盘', 'Pallet'), entry('CRATE', '板条箱', 'Crate')],
          },
        },
        ALLIANCE_ADMIN,
      )
    ).createStandardVersion;
    await t.ok(`mutation($id: ID!) { publishStandardVersion(versionId: $id) { id } }`, { id: v1.id }, ALLIANCE_ADMIN);

    const admin = await open();
    await signIn(admin, ALLIANCE_ADMIN);
    await admin.getByTestId('standard-link').filter({ hasText: 'CRATE-TYPE' }).click();
    await admin.getByTestId('new-version').click();
    await expect(admin.getByTestId('version-number').inputValue()).resolves.toBe('1.0.1');
    // Remove CRATE, add DRUM with both labels.
    await admin.getByTestId('remove-2').click();
    await admin.getByTestId('add-row').click();
    const newRow = admin.getByTestId('codes').locator('tbody tr').last();
    await newRow.locator('input').nth(0).fill('DRUM');
    await newRow.locator('input').nth(1).fill('桶');
    await newRow.locator('input').nth(2).fill('Drum');
    await admin.getByTestId('review-publish').click();
    const report = admin.getByTestId('publication-report');
    await report.getByTestId('publish-refused').waitFor();
    await expect(report.textContent()).resolves.toMatch(
      /删除代码 CRATE（不兼容）[\s\S]*新增代码 DRUM|新增代码 DRUM[\s\S]*删除代码 CRATE（不兼容）/,
    );
    await expect(admin.getByTestId('confirm-publish').isDisabled()).resolves.toBe(true);
    await screenshot(admin, 'admin-breaking-change');
    expect(await t.sql(`SELECT version, status FROM standard_versions WHERE standard_id = $1 ORDER BY version`, [standard.id])).toEqual([
      { version: '1.0.0', status: 'PUBLISHED' },
      { version: '1.0.1', status: 'DRAFT' },
    ]);

    await admin.getByRole('button', { name: '返回' }).click();
    await admin.getByTestId('version-number').fill('2.0.0');
    await admin.getByTestId('review-publish').click();
    await expect(admin.getByTestId('confirm-publish').isEnabled()).resolves.toBe(true);
    await admin.getByTestId('confirm-publish').click();
    await admin.getByText('版本 2.0.0 已发布').waitFor();
    const [published] = await t.sql<{ status: string; breaking: boolean; codes: string[] }>(
      `SELECT status, (compatibility->>'breaking')::boolean AS breaking, (SELECT array_agg(c->>'code' ORDER BY c->>'code') FROM jsonb_array_elements(codes) c) AS codes
         FROM standard_versions WHERE standard_id = $1 AND version = '2.0.0'`,
      [standard.id],
    );
    expect(published).toEqual({ status: 'PUBLISHED', breaking: true, codes: ['BOX', 'DRUM', 'PALLET'] });
  });

  it('takes an order from creation to receipt: buyer drafts and publishes, supplier accepts and ships, buyer records the receipt', async () => {
    const buyer = await open();
    await signIn(buyer, BUYER);
    await buyer.getByTestId('new-order').click();
    await buyer.getByTestId('order-supplier').click();
    await buyer.locator('.ant-select-item-option').filter({ hasText: '精工铸造' }).click();
    const line = buyer.getByTestId('order-lines').locator('tbody tr').first();
    await line.getByTestId('line-part').click();
    await buyer.locator('.ant-select-item-option').filter({ hasText: 'YH-CST-1001' }).click();
    await line.getByTestId('line-quantity').fill('5');
    await line.getByTestId('line-price').fill('1250.5');
    await line.getByTestId('line-date').fill('2027-02-01');
    await screenshot(buyer, 'buyer-new-order');
    await buyer.getByTestId('create-order').click();
    await buyer.getByTestId('order-status').filter({ hasText: '草稿' }).waitFor();
    const number = (await buyer.getByTestId('order-number').textContent())!;
    await buyer.getByRole('button', { name: '发布订单' }).click();
    await buyer.getByTestId('order-status').filter({ hasText: '已发布' }).waitFor();

    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.getByRole('link', { name: number }).click();
    await supplier.getByTestId('submit-answer').click();
    await supplier.getByTestId('order-status').filter({ hasText: '已确认' }).waitFor();
    await supplier.getByTestId('create-shipment').click();
    await expect(supplier.getByTestId('ship-quantity-1').inputValue()).resolves.toBe('5');
    await supplier.getByTestId('ship-quantity-1').fill('3');
    await supplier.getByRole('button', { name: '发送发货通知' }).click();
    await supplier.getByTestId('order-status').filter({ hasText: '部分发货' }).waitFor();

    await buyer.getByTestId('record-receipt').waitFor();
    await buyer.getByTestId('record-receipt').click();
    await expect(buyer.getByTestId('receive-quantity-1').inputValue()).resolves.toBe('3');
    await buyer.getByRole('button', { name: '保存收货' }).click();
    await buyer.getByText('收货已登记').waitFor();
    const [row] = await t.sql<{ shipped: string; received: string }>(
      `SELECT l.shipped_quantity::text AS shipped, l.received_quantity::text AS received FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id WHERE o.number = $1`,
      [number],
    );
    expect(row).toEqual({ shipped: '3.000000', received: '3.000000' });
  });

  it('lets the buyer cancel an order with a reason, and the supplier sees it cancelled', async () => {
    const order = await publishedOrder(t);
    const buyer = await open();
    await signIn(buyer, BUYER);
    await buyer.goto(`${base}/orders/${order.id}`);
    await buyer.getByTestId('cancel-order').click();
    await buyer.getByTestId('cancel-reason').fill('项目取消');
    await buyer.locator('.ant-modal').getByRole('button', { name: '取消订单' }).click();
    await buyer.getByTestId('order-status').filter({ hasText: '已取消' }).waitFor();
    const [row] = await t.sql<{ status: string; cancel_reason: string }>(
      `SELECT status, cancel_reason FROM purchase_orders WHERE id = $1`,
      [order.id],
    );
    expect(row).toEqual({ status: 'CANCELLED', cancel_reason: '项目取消' });
  });

  it("puts a newly published order into the supplier's open inbox without a reload, with a notification", async () => {
    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.getByTestId('tab-new').click();
    await supplier
      .getByTestId('tab-new')
      .filter({ hasText: /新订单\s*\d+/ })
      .waitFor();
    const count = async () => Number(/(\d+)\s*$/.exec((await supplier.getByTestId('tab-new').textContent())!)![1]);
    const before = await count();
    const order = await publishedOrder(t);
    await supplier.getByRole('link', { name: order.number }).waitFor();
    await supplier.locator('.ant-notification').filter({ hasText: '发布' }).first().waitFor();
    await supplier
      .getByTestId('tab-new')
      .filter({ hasText: new RegExp(`新订单\\s*${before + 1}$`) })
      .waitFor();
    expect(await count()).toBe(before + 1);
    // The tab is kept in the address: back from the order, the same list.
    await supplier.getByRole('link', { name: order.number }).click();
    await supplier.getByTestId('order-number').waitFor();
    await supplier.goBack();
    await supplier.locator('.ant-tabs-tab-active').filter({ hasText: '新订单' }).waitFor();
    expect(supplier.url()).toContain('tab=new');
  });

  it('lets the buyer revise a published order; the supplier sees the new revision live', async () => {
    const order = await publishedOrder(t);
    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.goto(`${base}/orders/${order.id}`);
    await supplier.getByTestId('answer-1').waitFor();

    const buyer = await open();
    await signIn(buyer, BUYER);
    await buyer.goto(`${base}/orders/${order.id}`);
    await buyer.getByTestId('revise-order').click();
    await buyer.getByTestId('revise-quantity-1').fill('12');
    await buyer.getByTestId('submit-revision').click();
    await buyer.getByText('已提交修订 2').waitFor();

    // The supplier's open page now shows revision 2 with the new quantity, without a reload.
    await supplier.getByTestId('answer-1').locator('xpath=ancestor::tr').filter({ hasText: '12 H87' }).waitFor();
    const [row] = await t.sql<{ revision: number; quantity: string }>(
      `SELECT o.revision, l.quantity::text FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id WHERE o.id = $1 AND l.line_number = 1`,
      [order.id],
    );
    expect(row).toEqual({ revision: 2, quantity: '12.000000' });
  });

  it('lets the anchor package a practice, publish it and roll it out; the supplier completes it with evidence', async () => {
    const buyer = await open();
    await signIn(buyer, BUYER);
    await buyer.getByTestId('nav-packages').click();
    await buyer.getByTestId('new-package').click();
    await buyer.getByTestId('package-title').fill('设备点检数字化');
    await buyer.getByTestId('package-summary').fill('用扫码点检替代纸质点检表');
    await buyer.getByTestId('item-title-0').fill('点检表上线');
    await buyer.locator('.ant-modal').getByRole('button', { name: '创建' }).click();
    await buyer.getByTestId('publish-package-设备点检数字化').click();
    await buyer.getByTestId('launch-设备点检数字化').click();
    // check() clicks until the box is checked (the modal may still be opening).
    await buyer.locator('.ant-modal').getByRole('checkbox', { name: '精工铸造' }).check();
    await buyer
      .locator('.ant-modal')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await buyer.getByText('已向 1 家供应商推广实施').waitFor();

    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.getByTestId('nav-rollouts').click();
    const item = supplier.getByTestId('rollout-item-点检表上线');
    await item.locator('input[type=text]').fill('https://mes.castings.demo/inspections');
    await item.getByText('已完成').click();
    await supplier.getByText('已更新').first().waitFor();
    await screenshot(supplier, 'supplier-rollout');
    const [rollout] = await t.sql<{ status: string; evidence: string }>(
      `SELECT r.status, ri.evidence FROM rollouts r JOIN replication_packages p ON p.id = r.package_id JOIN rollout_items ri ON ri.rollout_id = r.id WHERE p.title = '设备点检数字化'`,
    );
    expect(rollout).toEqual({ status: 'COMPLETED', evidence: 'https://mes.castings.demo/inspections' });
  });

  it('accepts an invitation from its e-mail link: name and password set, signed in as the new supplier', async () => {
    const invited = await t.ok(
      `mutation($input: InviteSupplierInput!) { inviteSupplier(input: $input) { token } }`,
      { input: { supplierName: '常州精密弹簧', email: 'owner@springs.demo' } },
      BUYER,
    );
    const page = await open();
    await page.goto(`${base}/invitations/accept?token=${invited.inviteSupplier.token}`);
    await page.getByTestId('display-name').fill('钱经理');
    await page.getByTestId('new-password').fill('Springs-Works-2026');
    await page.getByTestId('repeat-password').fill('Springs-Works-2027');
    await page.getByTestId('accept-invitation').click();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByTestId('repeat-password').fill('Springs-Works-2026');
    await page.getByTestId('accept-invitation').click();
    await page.getByTestId('who').filter({ hasText: '钱经理 · 常州精密弹簧' }).waitFor();
    await page.getByTestId('tab-awaiting').waitFor();
  });

  it('shows the anchor its network, supply risks and rollouts, and the supplier its rollouts, scorecard and self-assessment', async () => {
    const anchor = await open();
    await signIn(anchor, BUYER);
    await anchor.getByTestId('nav-network').click();
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM partnerships WHERE anchor_org_id = $1 AND status = 'ACTIVE'`,
      [ORG.anchor],
    );
    await anchor
      .getByTestId('supplier-count')
      .filter({ hasText: new RegExp(`供应商\\s*${n}$`) })
      .waitFor();
    await anchor.getByRole('cell', { name: '精工铸造' }).first().waitFor();
    // Every row's scorecard, from the one scorecards request.
    const cards = anchor.getByRole('cell', { name: /订单数/ });
    await cards.nth(Math.min(n, 20) - 1).waitFor();
    expect(await cards.count()).toBe(Math.min(n, 20));
    await screenshot(anchor, 'anchor-network');
    await anchor.getByTestId('nav-risks').click();
    await anchor.getByTestId('risks').waitFor();

    const supplier = await open();
    await signIn(supplier, CASTINGS);
    await supplier.getByTestId('nav-scorecard').click();
    await supplier.getByTestId('scorecard').filter({ hasText: '准时足量交付率' }).waitFor();
    await supplier.getByTestId('nav-rollouts').click();
    await supplier.getByText('我的推广实施').waitFor();
    await supplier.getByTestId('nav-assessment').click();
    await supplier.getByTestId('scenarios').locator('input').fill('4');
    // Every BASIC criterion met: at least the basic level.
    const basic = supplier.locator('.ant-collapse-item').first();
    for (const box of await basic.locator('input[type=checkbox]').all()) await box.check();
    await supplier.getByTestId('submit-assessment').click();
    await supplier
      .getByTestId('assessment-result')
      .filter({ hasText: /基础级|先进级|卓越级|领航级/ })
      .waitFor();
    await screenshot(supplier, 'supplier-assessment');
    const [latest] = await t.sql<{ level: string | null }>(
      `SELECT level FROM maturity_assessments WHERE org_id = (SELECT org_id FROM users WHERE email = $1) ORDER BY submitted_at DESC LIMIT 1`,
      [CASTINGS],
    );
    expect(latest.level).not.toBeNull();
  });

  it('lets an alliance admin add an optional field to a record schema: a minor step, published', async () => {
    const admin = await open();
    await signIn(admin, ALLIANCE_ADMIN);
    await admin.getByTestId('standard-link').filter({ hasText: 'PART-MASTER' }).click();
    await admin.getByTestId('new-version').click();
    const latest = (
      await t.sql<{ version: string }>(
        `SELECT v.version FROM standard_versions v JOIN data_standards s ON s.id = v.standard_id WHERE s.code = 'PART-MASTER' AND v.status = 'PUBLISHED' ORDER BY v.published_at DESC LIMIT 1`,
      )
    )[0].version;
    const [major, minor] = latest.split('.').map(Number);
    await admin.getByTestId('add-row').click();
    await admin.getByTestId('fields').locator('tbody tr').last().locator('input').first().fill('surfaceTreatment');
    await admin.getByTestId('version-number').fill(`${major}.${minor + 1}.0`);
    await admin.getByTestId('review-publish').click();
    await admin.getByTestId('publication-report').filter({ hasText: 'surfaceTreatment' }).waitFor();
    await admin.getByTestId('confirm-publish').click();
    await admin.getByText(`版本 ${major}.${minor + 1}.0 已发布`).waitFor();
    const [row] = await t.sql<{ fields: string[] }>(
      `SELECT (SELECT array_agg(f->>'name') FROM jsonb_array_elements(v.fields) f) AS fields FROM standard_versions v JOIN data_standards s ON s.id = v.standard_id
        WHERE s.code = 'PART-MASTER' AND v.version = $1`,
      [`${major}.${minor + 1}.0`],
    );
    expect(row.fields).toContain('surfaceTreatment');
    expect(row.fields).toContain('material');
  });

  it('switches between Chinese and English on every page and remembers the choice', async () => {
    const page = await open('zh-CN');
    await expect(page.getByTestId('sign-in').textContent()).resolves.toContain('登录');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByTestId('sign-in').textContent()).resolves.toContain('Sign in');
    await page.reload();
    await page
      .getByTestId('sign-in')
      .filter({ hasText: /Sign in/ })
      .waitFor();
    await signIn(page, CASTINGS);
    await page
      .getByTestId('tab-awaiting')
      .filter({ hasText: /Awaiting my answer/ })
      .waitFor();
    await screenshot(page, 'supplier-inbox-en');
    await page.getByTestId('locale-switch').click();
    await page
      .getByTestId('tab-awaiting')
      .filter({ hasText: /待我答复/ })
      .waitFor();
    await expect(page.getByTestId('sign-out').textContent()).resolves.toContain('退出登录');
  });

  it('refreshes an expired access token without losing the page, and signs out', async () => {
    const page = await open();
    await signIn(page, CASTINGS);
    // The browser's own code, as text: this file is type-checked for Node.
    const tokens = () =>
      page.evaluate<{ accessToken: string; refreshToken: string }>(`JSON.parse(localStorage.getItem('anchorlink.session'))`);
    const before = await tokens();
    // The access token goes bad (expired, say): the next request refreshes it and is retried.
    await page.evaluate(
      `localStorage.setItem('anchorlink.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('anchorlink.session')), accessToken: 'expired.token.value' }))`,
    );
    await page.getByTestId('tab-all').click();
    await page.getByTestId('order-link').first().waitFor();
    const after = await tokens();
    expect(after.accessToken).not.toBe('expired.token.value');
    // The refresh token is rotated on use (the old one is spent).
    expect(after.refreshToken).not.toBe(before.refreshToken);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(`localStorage.getItem('anchorlink.session')`)).toBeNull();
  });

  it('works under the production Content-Security-Policy, with its routes served as the app and the API left alone', async () => {
    const production = await TestApp.start({
      nodeEnv: 'production',
      isProduction: true,
      jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12',
    });
    try {
      const url = `http://127.0.0.1:${await production.listen()}`;
      const csp = (await fetch(`${url}/orders/123`)).headers.get('content-security-policy');
      expect(csp).toContain("script-src 'self'");
      // A portal route deep-linked or reloaded gets the app; API paths keep their own answers.
      expect(await (await fetch(`${url}/orders/123`)).text()).toContain('<div id="root">');
      expect((await fetch(`${url}/api/purchase-orders/export.csv`)).status).toBe(401);
      expect((await fetch(`${url}/health`)).headers.get('content-type')).toContain('application/json');
      const context = await browser.newContext({ locale: 'en' });
      contexts.push(context);
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(url + '/');
      await signIn(page, CASTINGS);
      await page.getByTestId('tab-awaiting').waitFor();
      expect(violations).toEqual([]);
    } finally {
      await production.close();
    }
  });
});
