import { Injectable } from '@nestjs/common';
import { DataStandardsPort, type RequestContext, ScopeSlot, type Violation } from '@anchorlink/core';
import { StandardKind, StandardStatus } from './dto/standard.types.js';
import type { DataStandard } from './entities/data-standard.entity.js';
import type { StandardVersion } from './entities/standard-version.entity.js';
import { checkCode, validateRecord, violation } from './record-validation.js';
import { parseSemVer } from './semver.js';
import { StandardsRepository } from './standards.repository.js';
import { effectiveStatus } from './standards.service.js';
import { Errors } from '@anchorlink/core';

export interface ResolvedStandard {
  standard: DataStandard;
  version: StandardVersion;
}

export interface ValidationResult {
  valid: boolean;
  standardVersion: StandardVersion;
  violations: Violation[];
}

/**
 * Checks data against the standards an organization adopted: the version it
 * adopted, else the latest published one. A deprecated version validates until
 * its sunset date; a retired one refuses everything and says why. This is the
 * DataStandardsPort the other modules (parts, orders) call.
 */
/** The governing version per organization and standard code, looked up once per request. */
const RESOLVED = new ScopeSlot('standards.resolved', () => new Map<string, Promise<ResolvedStandard | null>>());

@Injectable()
export class StandardsValidationService extends DataStandardsPort {
  constructor(private readonly standards: StandardsRepository) {
    super();
  }

  /** validateRecord of the API: an explicit version, or the caller's adopted (else latest published) one. */
  async validate(
    ctx: RequestContext,
    standardCode: string,
    version: string | null | undefined,
    record: unknown,
  ): Promise<ValidationResult> {
    const standard = await this.standards.findStandardByCode(ctx, standardCode.trim().toUpperCase());
    if (!standard) throw Errors.notFound(ctx, 'entity.dataStandard');
    let resolved: StandardVersion | null;
    if (version) {
      const semver = parseSemVer(version);
      resolved = semver ? await this.standards.findVersion(ctx, standard.id, `${semver.major}.${semver.minor}.${semver.patch}`) : null;
    } else {
      resolved = (await this.resolve(ctx, ctx.organizationId, standard.code))?.version ?? null;
    }
    if (!resolved) throw Errors.notFound(ctx, 'entity.standardVersion');
    const violations = await this.check(ctx, ctx.organizationId, { standard, version: resolved }, record, '');
    return { valid: violations.length === 0, standardVersion: resolved, violations };
  }

  override async checkCode(
    ctx: RequestContext,
    organizationId: string,
    codeList: string,
    value: string,
    path: string,
  ): Promise<Violation[]> {
    const resolved = await this.resolve(ctx, organizationId, codeList);
    if (!resolved) return [];
    return this.check(ctx, organizationId, resolved, value, path);
  }

  override async checkRecord(
    ctx: RequestContext,
    organizationId: string,
    standardCode: string,
    record: Record<string, unknown>,
    pathPrefix: string,
  ): Promise<Violation[]> {
    const resolved = await this.resolve(ctx, organizationId, standardCode);
    if (!resolved) return [];
    return this.check(ctx, organizationId, resolved, record, pathPrefix);
  }

  /**
   * The version that governs `organizationId`'s data for a standard: its
   * adoption, else the latest published version; null when the standard does
   * not exist (nothing to check against). Cached for the request.
   */
  async resolve(ctx: RequestContext, organizationId: string, standardCode: string): Promise<ResolvedStandard | null> {
    const resolved = ctx.scope.get(RESOLVED);
    const key = `${organizationId}:${standardCode}`;
    const cached = resolved.get(key);
    if (cached) return cached;
    const lookup = (async () => {
      const standard = await this.standards.findStandardByCode(ctx, standardCode);
      if (!standard) return null;
      const adoption = await this.standards.findCurrentAdoption(ctx, organizationId, standard.id);
      const [adopted] = adoption ? await this.standards.findVersionsByIds(ctx, [adoption.standardVersionId]) : [];
      const version = adopted ?? (await this.latestPublished(ctx, standard.id));
      return version ? { standard, version } : null;
    })();
    resolved.set(key, lookup);
    return lookup;
  }

  private async latestPublished(ctx: RequestContext, standardId: string): Promise<StandardVersion | null> {
    const versions = await this.standards.findVersionsByStandardIds(ctx, [standardId]);
    return versions.find((v) => effectiveStatus(v) === StandardStatus.PUBLISHED) ?? null;
  }

  private async check(
    ctx: RequestContext,
    organizationId: string,
    { standard, version }: ResolvedStandard,
    value: unknown,
    path: string,
  ): Promise<Violation[]> {
    if (effectiveStatus(version) === StandardStatus.RETIRED) {
      return [
        violation(ctx.locale, path, 'retired', { standard: standard.code, version: version.version, sunsetDate: version.sunsetDate ?? '' }),
      ];
    }
    if (standard.kind === StandardKind.CODE_LIST) {
      const code = typeof value === 'string' ? value : (value as { code?: unknown } | null)?.code;
      const codes = new Set(version.codes.map((c) => c.code));
      return typeof code === 'string'
        ? checkCode(ctx.locale, codes, standard.code, code, path)
        : [violation(ctx.locale, path, 'type', { expected: 'CODE' })];
    }
    const lists = new Map<string, ReadonlySet<string> | null>();
    for (const field of version.fields) {
      if (!field.codeList || lists.has(field.codeList)) continue;
      const list = await this.resolve(ctx, organizationId, field.codeList);
      lists.set(field.codeList, list ? new Set(list.version.codes.map((c) => c.code)) : null);
    }
    return validateRecord(version.fields, value, path, ctx.locale, (name) => lists.get(name) ?? null);
  }
}
