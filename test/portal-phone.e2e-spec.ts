import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { BUYER, CASTINGS, demoPartId, ORG, PLANNER } from './support/fixtures.js';
import { publishedOrder } from './support/orders.js';
import { screenshot, signIn, usePortal } from './support/portal.js';
import type { TestApp } from './support/test-app.js';

/** An upright phone (iPhone 12/13 mini class). */
const PHONE = { viewport: { width: 375, height: 812 }, mobile: true };

/** The page fits the phone's width: nothing to scroll sideways but what scrolls within itself (the forecast grid). */
async function fitsWidth(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate<{ scroll: number; width: number }>(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  );
  expect(scroll).toBeLessThanOrEqual(width);
}

/** A control a thumb can hit: antd's large size is 40 px high. */
async function touchSized(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(40);
}

const TEXTS = {
  'zh-CN': { accept: '接受', propose: '提出变更', reason: '数量变更', confirmed: '已确认', proposed: '已提出变更', shot: '' },
  en: {
    accept: 'Accept',
    propose: 'Propose change',
    reason: 'Quantity changed',
    confirmed: 'Confirmed',
    proposed: 'Change proposed',
    shot: '-en',
  },
} as const;

describe('web portal on a phone (375 px), the supplier on the shop floor', () => {
  const portal = usePortal();
  let t: TestApp;
  beforeAll(() => {
    t = portal.t;
  });

  for (const language of ['zh-CN', 'en'] as const) {
    const text = TEXTS[language];

    it(`answers an order, proposes a change and ships from the inbox (${language})`, async () => {
      const proposing = await publishedOrder(t, { notes: '手机答复' });
      const shipping = await publishedOrder(t);
      const page = await portal.open(language, PHONE);
      await signIn(page, CASTINGS);

      // The inbox: orders as cards, the menu instead of a header bar.
      await page.getByTestId('order-link').filter({ hasText: proposing.number }).waitFor();
      await fitsWidth(page);
      await touchSized(page, 'nav-menu');
      await screenshot(page, `phone-inbox${text.shot}`);

      // Answer one order: propose a smaller quantity on line 1 with a reason, accept line 2.
      await page.getByTestId('order-link').filter({ hasText: proposing.number }).click();
      await page.getByTestId('answer-1').waitFor();
      await fitsWidth(page);
      await page.getByTestId('answer-1').getByText(text.propose).click();
      await page.getByTestId('answer-1').getByTestId('proposed-quantity').fill('8');
      await page.getByTestId('answer-1').getByTestId('reason-code').click();
      await page.getByTitle(text.reason).click();
      await fitsWidth(page);
      await touchSized(page, 'submit-answer');
      await screenshot(page, `phone-answer${text.shot}`);
      await page.getByTestId('submit-answer').click();
      await page.getByText(text.proposed).first().waitFor();
      const [answered] = await t.sql<{ status: string; proposal_quantity: string }>(
        `SELECT o.status, l.proposal_quantity FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id AND l.line_number = 1 WHERE o.id = $1`,
        [proposing.id],
      );
      expect(answered).toEqual({ status: 'CHANGE_PROPOSED', proposal_quantity: '8.000000' });

      // Confirm the other order as it is, then send a shipment notice for it.
      await page.goto(`${portal.base}/orders/${shipping.id}`);
      await page.getByTestId('submit-answer').click();
      await page.getByTestId('create-shipment').waitFor();
      await touchSized(page, 'create-shipment');
      await page.getByTestId('create-shipment').click();
      await page.getByTestId('ship-quantity-1').fill('4');
      await fitsWidth(page);
      await screenshot(page, `phone-shipment${text.shot}`);
      await page
        .getByRole('dialog')
        .getByRole('button', { name: language === 'en' ? 'Send' : '发送' })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await fitsWidth(page);
      const [shipped] = await t.sql<{ n: number; status: string }>(
        `SELECT (SELECT count(*)::int FROM shipment_notices WHERE order_id = $1) AS n, (SELECT status FROM purchase_orders WHERE id = $1) AS status`,
        [shipping.id],
      );
      expect(shipped).toEqual({ n: 1, status: 'PARTIALLY_SHIPPED' });
    });

    it(`commits to a forecast from its grid, which scrolls within itself (${language})`, async () => {
      const weeks = ['12', '12', '10', '10', '10', '10', '8', '8'];
      const forecast = (
        await t.ok(
          `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
          {
            input: {
              supplierId: ORG.castings,
              granularity: 'WEEK',
              // Each language its own horizon: the second revision carries nothing over from the first.
              horizonStart: language === 'en' ? '2027-03-01' : '2027-01-04',
              bucketCount: weeks.length,
              firmBuckets: 2,
              lines: [{ partId: demoPartId('anchor', 'YH-CST-1001'), quantities: weeks }],
            },
          },
          PLANNER,
        )
      ).publishForecast;
      const page = await portal.open(language, PHONE);
      await signIn(page, CASTINGS);
      await page.goto(`${portal.base}/forecasts/${forecast.id}`);
      await page.getByTestId('forecast-grid').waitFor();
      await fitsWidth(page);
      await touchSized(page, 'commit-YH-CST-1001-0');
      await page.getByTestId('commit-YH-CST-1001-0').fill('12');
      await screenshot(page, `phone-forecast${text.shot}`);
      await touchSized(page, 'forecast-commit');
      await page.getByTestId('forecast-commit').click();
      const committed = async () =>
        (await t.sql(`SELECT committed_quantity FROM forecast_buckets WHERE forecast_id = $1 AND bucket_index = 0`, [forecast.id]))[0];
      for (let i = 0; i < 50 && (await committed()).committed_quantity === null; i++) await page.waitForTimeout(100);
      expect(await committed()).toEqual({ committed_quantity: '12.000000' });
      await fitsWidth(page);
    });
  }

  it('keeps the desktop layout on a wide screen (the buyer at a desk)', async () => {
    const page = await portal.open('zh-CN');
    await signIn(page, BUYER);
    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('nav-menu').count()).toBe(0);
  });
});
