import { Injectable, Logger } from '@nestjs/common';
import { DatabaseGate, OrgKind, RequestContext, Role } from '@anchorlink/core';
import { FieldType, StandardKind } from '../dto/standard.types.js';
import { StandardsRepository } from '../standards.repository.js';
import { StandardsService } from '../standards.service.js';
import { CURRENCY_CODES, MATERIAL_CLASS_CODES, type SeededCode, UOM_CODES } from './catalogue-codes.js';

/** Owner of the catalogue on an installation without an alliance of its own (no demo data). */
export const DEFAULT_ALLIANCE_ID = '7c1e0f5a-3b2d-5e4f-8a6b-0c9d8e7f6a5b';

const CATALOGUE = [
  { code: 'UOM', name: '计量单位 Units of measure (UN/ECE Rec 20)', kind: StandardKind.CODE_LIST, codes: UOM_CODES },
  { code: 'CURRENCY', name: '币种 Currencies (ISO 4217)', kind: StandardKind.CODE_LIST, codes: CURRENCY_CODES },
  { code: 'MATERIAL-CLASS', name: '材料类别 Material classes', kind: StandardKind.CODE_LIST, codes: MATERIAL_CLASS_CODES },
  {
    code: 'PART-MASTER',
    name: '物料主数据 Part master record',
    kind: StandardKind.RECORD_SCHEMA,
    fields: [
      { name: 'material', type: FieldType.STRING, required: true, maxLength: 64, description: '材料牌号 Material grade, e.g. QT500-7' },
      { name: 'weightKg', type: FieldType.DECIMAL, required: false, minimum: '0', unit: 'kg', description: '单件重量 Unit weight' },
      {
        name: 'drawingNumber',
        type: FieldType.STRING,
        required: false,
        pattern: '^[A-Z0-9][A-Z0-9-]{2,39}$',
        description: '图号 Drawing number',
      },
      { name: 'materialClass', type: FieldType.CODE, required: false, codeList: 'MATERIAL-CLASS', description: '材料类别 Material class' },
    ],
  },
] as const;

const codes = (list: readonly SeededCode[]) => list.map((c) => ({ ...c }));

/**
 * Publishes the shared catalogue (UOM, CURRENCY, MATERIAL-CLASS, PART-MASTER
 * 1.0.0) once, through the standards service, as an alliance. Idempotent:
 * standards that exist are left alone.
 */
@Injectable()
export class StandardsSeeder {
  private readonly logger = new Logger('Standards');

  constructor(
    private readonly db: DatabaseGate,
    private readonly repository: StandardsRepository,
    private readonly service: StandardsService,
  ) {}

  /** With no owner given: the catalogue's default alliance, created when missing. */
  async ensureCatalogue(ownerOrganizationId?: string): Promise<void> {
    const owner = ownerOrganizationId ?? DEFAULT_ALLIANCE_ID;
    const ctx = RequestContext.forOrganization(owner, OrgKind.ALLIANCE, [Role.STANDARDS_ADMIN]);
    const created = await this.db.withContext(ctx, async () => {
      if (await this.repository.findStandardByCode(ctx, 'UOM')) return 0;
      if (!ownerOrganizationId) {
        const em = await this.db.manager(ctx);
        await em.query(
          `INSERT INTO organizations (id, name, kind) VALUES ($1, '锚链标准库 Anchorlink standards library', 'ALLIANCE') ON CONFLICT DO NOTHING`,
          [owner],
        );
      }
      let count = 0;
      for (const entry of CATALOGUE) {
        if (await this.repository.findStandardByCode(ctx, entry.code)) continue;
        const standard = await this.service.create(ctx, { code: entry.code, name: entry.name, kind: entry.kind });
        const version = await this.service.createVersion(ctx, standard.id, {
          version: '1.0.0',
          changeSummary: '初始版本 Initial version',
          ...('codes' in entry ? { codes: codes(entry.codes) } : { fields: entry.fields.map((f) => ({ ...f })) }),
        });
        await this.service.publish(ctx, version.id);
        count++;
      }
      return count;
    });
    if (created) this.logger.log(`published ${created} shared data standards (1.0.0)`);
  }

  /** The organization adopts the current catalogue versions (demo data). */
  async adoptCatalogue(organizationId: string, kind: OrgKind): Promise<void> {
    const ctx = RequestContext.forOrganization(organizationId, kind, [Role.ORG_ADMIN]);
    await this.db.withContext(ctx, async () => {
      for (const entry of CATALOGUE) {
        const standard = await this.repository.findStandardByCode(ctx, entry.code);
        const version = standard ? await this.repository.findVersion(ctx, standard.id, '1.0.0') : null;
        if (version) await this.service.adopt(ctx, version.id);
      }
    });
  }
}
