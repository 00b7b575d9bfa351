import type { RequestContext } from '../context/request-context.js';
import type { Violation } from '../errors/app-errors.js';
import { t } from '../i18n/messages.js';
import { CURRENCY_CODES, UOM_CODES } from './seeded-code-lists.js';

/**
 * How the other modules check data against the shared data standards. The
 * standards module provides the real implementation (the organization's
 * adopted versions); until then, the seeded code lists answer.
 */
export abstract class DataStandardsPort {
  /** Violations of a code against the code list `codeList` (e.g. "UOM") that `organizationId` adopted. */
  abstract checkCode(
    ctx: RequestContext,
    organizationId: string,
    codeList: string,
    value: string,
    path: string,
  ): Promise<Violation[]>;

  /** Violations of a record against the record schema `standardCode` that `organizationId` adopted. */
  abstract checkRecord(
    ctx: RequestContext,
    organizationId: string,
    standardCode: string,
    record: Record<string, unknown>,
    pathPrefix: string,
  ): Promise<Violation[]>;
}

/** Interim implementation: the seeded UOM and CURRENCY lists; record schemas are not checked yet. */
export class SeededCodeListsPort extends DataStandardsPort {
  private readonly lists = new Map<string, Set<string>>([
    ['UOM', new Set(UOM_CODES.map((c) => c.code))],
    ['CURRENCY', new Set(CURRENCY_CODES.map((c) => c.code))],
  ]);

  async checkCode(ctx: RequestContext, _organizationId: string, codeList: string, value: string, path: string): Promise<Violation[]> {
    const codes = this.lists.get(codeList);
    if (!codes || codes.has(value)) return [];
    return [{ path, rule: 'codeList', message: t(ctx.locale, 'violation.codeList', { value, codeList }) }];
  }

  async checkRecord(): Promise<Violation[]> {
    return [];
  }
}
