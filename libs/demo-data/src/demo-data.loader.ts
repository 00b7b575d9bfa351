import { Injectable, Logger } from '@nestjs/common';
import { DatabaseGate, OrgKind } from '@anchorlink/core';
import { hashPassword } from '@anchorlink/identity';
import { StandardsSeeder } from '@anchorlink/standards';
import { DemoActivity } from './demo-activity.js';
import { DEMO_ORGANIZATIONS, DEMO_PARTNERSHIPS, DEMO_PARTS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';
import { demoId } from './demo-ids.js';

type OrgKey = keyof typeof DEMO_ORGANIZATIONS;

/**
 * Loads the demo data set. Idempotent: records have stable ids and inserts
 * skip what exists. Each organization's rows are written while acting as that
 * organization, through the request role, so row-level security checks the
 * demo data like any other write.
 */
@Injectable()
export class DemoDataLoader {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly db: DatabaseGate,
    private readonly standards: StandardsSeeder,
    private readonly activity: DemoActivity,
  ) {}

  async load(options: { activity: boolean } = { activity: true }): Promise<void> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const organization of Object.values(DEMO_ORGANIZATIONS)) {
      await this.db.runForOrganization(organization.id, async (em) => {
        await em.query(`INSERT INTO organizations (id, name, kind, credit_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          organization.id,
          organization.name,
          organization.kind,
          organization.creditCode,
        ]);
        for (const user of DEMO_USERS.filter((u) => u.organization === organization.key)) {
          await em.query(
            `INSERT INTO users (id, org_id, email, password_hash, display_name, roles, locale)
             VALUES ($1, $2, $3, $4, $5, $6::role[], 'zh-CN') ON CONFLICT DO NOTHING`,
            [demoId(`user:${user.email}`), organization.id, user.email, passwordHash, user.displayName, user.roles],
          );
        }
      });
    }
    for (const link of DEMO_PARTNERSHIPS) {
      const anchor = DEMO_ORGANIZATIONS[link.anchor as OrgKey];
      const supplier = DEMO_ORGANIZATIONS[link.supplier as OrgKey];
      await this.db.runForOrganization(anchor.id, (em) =>
        em.query(
          `INSERT INTO partnerships (id, anchor_org_id, supplier_org_id, status, supplier_code, activated_at)
           VALUES ($1, $2, $3, 'ACTIVE', $4, now()) ON CONFLICT DO NOTHING`,
          [demoId(`partnership:${link.anchor}:${link.supplier}`), anchor.id, supplier.id, link.supplierCode],
        ),
      );
    }
    for (const part of DEMO_PARTS) {
      const anchor = DEMO_ORGANIZATIONS[part.anchor as OrgKey];
      const partId = demoId(`part:${part.anchor}:${part.partNumber}`);
      await this.db.runForOrganization(anchor.id, async (em) => {
        await em.query(
          `INSERT INTO parts (id, anchor_org_id, part_number, description, uom, attributes)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [partId, anchor.id, part.partNumber, part.description, part.uom, JSON.stringify(part.attributes)],
        );
        for (const mapping of part.suppliers) {
          await em.query(
            `INSERT INTO supplier_parts (id, part_id, anchor_org_id, supplier_org_id, supplier_part_number, lead_time_days)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [
              demoId(`supplier-part:${part.partNumber}:${mapping.supplier}`),
              partId,
              anchor.id,
              DEMO_ORGANIZATIONS[mapping.supplier as OrgKey].id,
              mapping.supplierPartNumber,
              mapping.leadTimeDays,
            ],
          );
        }
      });
    }
    // The alliance publishes the shared catalogue; the anchors and suppliers adopt it.
    await this.standards.ensureCatalogue(DEMO_ORGANIZATIONS.alliance.id);
    for (const organization of Object.values(DEMO_ORGANIZATIONS)) {
      if (organization.kind !== OrgKind.ALLIANCE) await this.standards.adoptCatalogue(organization.id, organization.kind);
    }
    if (options.activity) await this.activity.load();
    this.logger.log(
      `demo data ready: ${Object.keys(DEMO_ORGANIZATIONS).length} organizations, ${DEMO_USERS.length} users, ${DEMO_PARTS.length} parts`,
    );
  }
}
