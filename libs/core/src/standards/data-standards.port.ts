import type { RequestContext } from '../context/request-context.js';
import type { Violation } from '../errors/app-errors.js';

/**
 * How the other modules check data against the shared data standards (the
 * versions an organization adopted). Implemented by the standards module, so
 * parts and orders do not depend on it directly.
 */
export abstract class DataStandardsPort {
  /** Violations of a code against the code list `codeList` (e.g. "UOM") that `organizationId` adopted. */
  abstract checkCode(ctx: RequestContext, organizationId: string, codeList: string, value: string, path: string): Promise<Violation[]>;

  /** Violations of a record against the record schema `standardCode` that `organizationId` adopted. */
  abstract checkRecord(
    ctx: RequestContext,
    organizationId: string,
    standardCode: string,
    record: Record<string, unknown>,
    pathPrefix: string,
  ): Promise<Violation[]>;
}
