import { Injectable, Logger } from '@nestjs/common';
import { businessToday, DatabaseGate, GradientLevel, OrgKind, RequestContext, Role } from '@anchorlink/core';
import { ForecastsService } from '@anchorlink/forecasts';
import { LineDecision, OrdersService } from '@anchorlink/orders';
import { ReplicationService } from '@anchorlink/replication';
import { StandardsService } from '@anchorlink/standards';
import { BucketGranularity } from '@anchorlink/forecasts';
import { DEMO_ORGANIZATIONS } from './demo-data.js';
import { demoId } from './demo-ids.js';

const org = DEMO_ORGANIZATIONS;
const part = (number: string) => demoId(`part:anchor:${number}`);

function day(offset: number): string {
  const d = new Date(`${businessToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function nextMonday(): string {
  const d = new Date(`${businessToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Demo activity on top of the demo master data, written through the services
 * as the people who would do it: a little order history (on time, late, open),
 * a current forecast with commitments, a published replication package rolled
 * out at different stages, and self-assessments at different levels. Written
 * once: the first order number is the marker.
 */
@Injectable()
export class DemoActivity {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly db: DatabaseGate,
    private readonly orders: OrdersService,
    private readonly forecasts: ForecastsService,
    private readonly replication: ReplicationService,
    private readonly standards: StandardsService,
  ) {}

  private as<T>(organizationId: string, kind: OrgKind, roles: Role[], work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ctx = RequestContext.forOrganization(organizationId, kind, roles);
    return this.db.withContext(ctx, () => work(ctx));
  }

  private buyer<T>(work: (ctx: RequestContext) => Promise<T>) {
    return this.as(org.anchor.id, OrgKind.ANCHOR, [Role.PROCUREMENT, Role.PLANNER, Role.ORG_ADMIN], work);
  }

  private supplier<T>(key: 'castings' | 'bearings' | 'hydraulics', work: (ctx: RequestContext) => Promise<T>) {
    return this.as(org[key].id, OrgKind.SUPPLIER, [Role.ORG_ADMIN, Role.SUPPLIER_SALES], work);
  }

  async load(): Promise<void> {
    const exists = await this.buyer(async (ctx) => {
      const em = await this.db.manager(ctx);
      return (
        (await em.query<unknown[]>(`SELECT 1 FROM purchase_orders WHERE anchor_org_id = $1 AND number = 'PO-DEMO-0001'`, [org.anchor.id]))
          .length > 0
      );
    });
    if (exists) return;
    await this.orderHistory();
    await this.forecast();
    await this.rollouts();
    await this.assessments();
    this.logger.log('demo activity ready: orders, a forecast, a replication package with rollouts, assessments');
  }

  /** Orders that closed on time, one delivered late and short, one waiting for an answer, one draft. */
  private async orderHistory(): Promise<void> {
    const deliver = async (
      number: string,
      supplier: 'castings' | 'hydraulics',
      lines: { part: string; quantity: string; price: string }[],
      due: number,
      received: { on: number; fraction: number },
    ) => {
      const created = await this.buyer((ctx) =>
        this.orders.create(ctx, {
          supplierId: org[supplier].id,
          number,
          currency: 'CNY',
          lines: lines.map((l) => ({ partId: part(l.part), quantity: l.quantity, unitPrice: l.price, requestedDate: day(due) })),
        }),
      );
      const published = await this.buyer((ctx) => this.orders.publish(ctx, created.id, created.version));
      const confirmed = await this.supplier(supplier, (ctx) => this.orders.confirm(ctx, published.id, published.version));
      const lineIds = await this.buyer(async (ctx) =>
        (await this.orders.linesLoader(ctx).load(confirmed.id)).map((l) => ({ id: l.id, quantity: l.quantity })),
      );
      const notice = await this.supplier(supplier, (ctx) =>
        this.orders.createShipment(ctx, {
          purchaseOrderId: confirmed.id,
          shipDate: day(received.on - 3),
          expectedArrival: day(received.on),
          carrier: '德邦物流',
          lines: lineIds.map((l) => ({ lineId: l.id, quantity: l.quantity })),
        }),
      );
      await this.buyer((ctx) =>
        this.orders.recordReceipt(ctx, {
          shipmentNoticeId: notice.id,
          receivedOn: day(received.on),
          lines: lineIds.map((l) => ({ lineId: l.id, quantity: String(Math.floor(Number(l.quantity) * received.fraction)) })),
        }),
      );
      return confirmed.id;
    };
    const onTime = await deliver(
      'PO-DEMO-0001',
      'castings',
      [
        { part: 'YH-CST-1001', quantity: '20', price: '1250.5' },
        { part: 'YH-CST-1003', quantity: '8', price: '980' },
      ],
      -40,
      { on: -42, fraction: 1 },
    );
    await this.buyer(async (ctx) => {
      const order = await this.orders.get(ctx, onTime);
      await this.orders.close(ctx, order.id, order.version);
    });
    await deliver(
      'PO-DEMO-0002',
      'hydraulics',
      [
        { part: 'YH-HYD-3001', quantity: '6', price: '8800' },
        { part: 'YH-HYD-3004', quantity: '120', price: '42.5' },
      ],
      -25,
      { on: -18, fraction: 0.9 },
    );

    // Waiting for 华东轴承's answer.
    const open = await this.buyer((ctx) =>
      this.orders.create(ctx, {
        supplierId: org.bearings.id,
        number: 'PO-DEMO-0003',
        currency: 'CNY',
        notes: '一季度备货',
        lines: [
          { partId: part('YH-BRG-2001'), quantity: '12', unitPrice: '5600', requestedDate: day(21) },
          { partId: part('YH-BRG-2002'), quantity: '200', unitPrice: '86.4', requestedDate: day(14) },
        ],
      }),
    );
    await this.buyer((ctx) => this.orders.publish(ctx, open.id, open.version));
    // A proposal from 精工铸造 for the buyer to resolve.
    const proposal = await this.buyer((ctx) =>
      this.orders.create(ctx, {
        supplierId: org.castings.id,
        number: 'PO-DEMO-0004',
        currency: 'CNY',
        lines: [
          { partId: part('YH-CST-1002'), quantity: '6', unitPrice: '9200', requestedDate: day(28) },
          { partId: part('YH-CST-1005'), quantity: '16', unitPrice: '3100', requestedDate: day(28) },
        ],
      }),
    );
    const proposalPublished = await this.buyer((ctx) => this.orders.publish(ctx, proposal.id, proposal.version));
    const proposalLines = await this.supplier('castings', async (ctx) => this.orders.linesLoader(ctx).load(proposal.id));
    await this.supplier('castings', (ctx) =>
      this.orders.respond(ctx, proposal.id, proposalPublished.version, [
        { lineId: proposalLines[0].id, decision: LineDecision.ACCEPT },
        {
          lineId: proposalLines[1].id,
          decision: LineDecision.PROPOSE_CHANGE,
          quantity: '12',
          deliveryDate: day(35),
          reasonCode: 'BACKORDERED' as never,
          reason: '铸钢件产能紧张，先交 12 件',
        },
      ]),
    );
    await this.buyer((ctx) =>
      this.orders.create(ctx, {
        supplierId: org.hydraulics.id,
        number: 'PO-DEMO-0005',
        currency: 'CNY',
        lines: [{ partId: part('YH-HYD-3003'), quantity: '2', unitPrice: '56000', requestedDate: day(45) }],
      }),
    );
  }

  /** Twelve weeks of demand for 精工铸造, the first four firm, partly committed. */
  private async forecast(): Promise<void> {
    const parts = ['YH-CST-1001', 'YH-CST-1002', 'YH-CST-1003', 'YH-CST-1004', 'YH-CST-1005'];
    const forecast = await this.buyer((ctx) =>
      this.forecasts.publish(ctx, {
        supplierId: org.castings.id,
        granularity: BucketGranularity.WEEK,
        horizonStart: nextMonday(),
        bucketCount: 12,
        firmBuckets: 4,
        lines: parts.map((p, i) => ({
          partId: part(p),
          quantities: Array.from({ length: 12 }, (_, w) => String(((i + 2) * 3 + (w % 4) * 2) * (i === 1 ? 1 : 2))),
        })),
      }),
    );
    const starts = Array.from({ length: 4 }, (_, w) => {
      const d = new Date(`${forecast.horizonStart}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 7 * w);
      return d.toISOString().slice(0, 10);
    });
    await this.supplier('castings', async (ctx) => {
      const lines = await this.forecasts.lines(ctx, forecast, null);
      const commitments = lines.slice(0, 3).flatMap((line, i) =>
        line.buckets
          .filter((b) => starts.includes(b.periodStart))
          .map((b) => ({
            partId: line.partId,
            periodStart: b.periodStart,
            quantity: i === 2 ? String(Math.max(0, Number(b.quantity) - 2)) : b.quantity,
            note: i === 2 ? '热处理炉检修，产能下降' : null,
          })),
      );
      await this.forecasts.commit(ctx, forecast.id, commitments);
    });
  }

  /** One published package: completed at 精工铸造, under way at 华东轴承, not started at 恒通液压. */
  private async rollouts(): Promise<void> {
    const required = await this.buyer(async (ctx) => {
      const ids: string[] = [];
      for (const code of ['UOM', 'PART-MASTER']) {
        const standard = await this.standards.getByCode(ctx, code);
        const versions = await this.standards.versionsOfStandardLoader(ctx).load(standard.id);
        const v1 = versions.find((v) => v.version === '1.0.0');
        if (v1) ids.push(v1.id);
      }
      return ids;
    });
    const pkg = await this.buyer((ctx) =>
      this.replication.createPackage(ctx, {
        title: '数字化基础能力提升包（来料质量协同）',
        summary: '远航重工母工厂的来料检验与订单在线协同做法：统一物料编码与计量单位、在线确认订单、上传检验报告，帮助配套企业达到先进级。',
        targetLevel: GradientLevel.ADVANCED,
        requiredStandardVersionIds: required,
        checklist: [
          { title: '采用联盟计量单位与物料主数据标准', description: '物料主数据按 PART-MASTER 1.0.0 整理', evidenceRequired: false },
          { title: '在锚链中在线确认采购订单', evidenceRequired: false },
          { title: '关键设备联网并采集运行数据', description: '至少覆盖关键工序设备', evidenceRequired: true },
          { title: '上传首批来料检验报告', evidenceRequired: true },
        ],
      }),
    );
    await this.buyer((ctx) => this.replication.publishPackage(ctx, pkg.id));
    const rollouts = await this.buyer((ctx) => this.replication.launch(ctx, pkg.id, [org.castings.id, org.bearings.id, org.hydraulics.id]));
    const items = await this.buyer(async (ctx) => (await this.replication.checklistLoader(ctx).load(pkg.id)).map((i) => i.id));
    const evidence = ['', '', '设备联网清单：12 台数控机床已接入 MES', '来料检验报告 QR-2026-031'];
    for (const [key, count] of [
      ['castings', 4],
      ['bearings', 2],
    ] as const) {
      const rollout = rollouts.find((r) => r.supplierOrganizationId === org[key].id)!;
      for (let i = 0; i < count; i++) {
        await this.supplier(key, (ctx) => this.replication.updateItem(ctx, rollout.id, items[i], true, evidence[i] || null));
      }
    }
  }

  /** 远航重工 at 领航级 (the mother factory); its suppliers at three different levels. */
  private async assessments(): Promise<void> {
    const criteria = await this.buyer((ctx) => this.replication.criteria(ctx));
    const upTo = (levels: GradientLevel[]) => criteria.map((c) => ({ criterionId: c.id, met: levels.includes(c.level) }));
    const L = GradientLevel;
    await this.buyer((ctx) =>
      this.replication.submitAssessment(ctx, {
        answers: upTo([L.BASIC, L.ADVANCED, L.EXCELLENT, L.NAVIGATOR]),
        scenarioCount: 40,
        aiScenarioCount: 26,
        maturityLevel: 4,
      }),
    );
    await this.supplier('castings', (ctx) =>
      this.replication.submitAssessment(ctx, { answers: upTo([L.BASIC]), scenarioCount: 12, aiScenarioCount: 0 }),
    );
    await this.supplier('bearings', (ctx) =>
      this.replication.submitAssessment(ctx, {
        answers: upTo([L.BASIC, L.ADVANCED]),
        scenarioCount: 18,
        aiScenarioCount: 3,
        maturityLevel: 2,
      }),
    );
    await this.supplier('hydraulics', (ctx) =>
      this.replication.submitAssessment(ctx, {
        answers: upTo([L.BASIC, L.ADVANCED, L.EXCELLENT]),
        scenarioCount: 20,
        aiScenarioCount: 5,
        maturityLevel: 3,
      }),
    );
  }
}
