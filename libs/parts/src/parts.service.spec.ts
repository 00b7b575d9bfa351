import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type AuditService, type DataStandardsPort, OrgKind, RequestContext, Role } from '@anchorlink/core';
import { fake } from '../../../test/support/fakes.js';
import type { PartnershipsService } from '@anchorlink/identity';
import type { PartsRepository } from './parts.repository.js';
import { Part } from './entities/part.entity.js';
import { PartsService } from './parts.service.js';

const ANCHOR = '11111111-1111-4111-8111-111111111111';

describe('PartsService.create', () => {
  let repo: { insert: jest.Mock<PartsRepository['insert']> };
  let standards: { checkCode: jest.Mock<DataStandardsPort['checkCode']>; checkRecord: jest.Mock<DataStandardsPort['checkRecord']> };
  let service: PartsService;
  const ctx = RequestContext.forOrganization(ANCHOR, OrgKind.ANCHOR, [Role.PROCUREMENT]);

  beforeEach(() => {
    repo = { insert: jest.fn<PartsRepository['insert']>(async (_ctx, values) => Object.assign(new Part(), { id: 'new', ...values })) };
    standards = {
      checkCode: jest.fn<DataStandardsPort['checkCode']>(async () => []),
      checkRecord: jest.fn<DataStandardsPort['checkRecord']>(async () => []),
    };
    service = new PartsService(
      fake<PartsRepository>('parts', repo),
      fake<PartnershipsService>('partnerships'),
      fake<DataStandardsPort>('standards', standards),
      fake<AuditService>('audit', { record: async () => undefined }),
    );
  });

  it('trims input and stores the part under the caller', async () => {
    await service.create(ctx, { partNumber: ' P-1 ', description: ' Bolt ', uom: 'C62' });
    expect(repo.insert).toHaveBeenCalledWith(ctx, {
      anchorOrganizationId: ANCHOR,
      partNumber: 'P-1',
      description: 'Bolt',
      uom: 'C62',
      attributes: {},
    });
    expect(standards.checkCode).toHaveBeenCalledWith(ctx, ANCHOR, 'UOM', 'C62', 'uom');
    expect(standards.checkRecord).toHaveBeenCalledWith(ctx, ANCHOR, 'PART-MASTER', {}, 'attributes');
  });

  it('refuses data the adopted standards reject, with every violation, and stores nothing', async () => {
    standards.checkCode.mockResolvedValue([{ path: 'uom', rule: 'codeList', message: 'x' }]);
    standards.checkRecord.mockResolvedValue([{ path: 'attributes.material', rule: 'required', message: 'y' }]);
    await expect(service.create(ctx, { partNumber: 'P', description: 'D', uom: 'ZZZ' })).rejects.toMatchObject({
      extensions: { code: 'VALIDATION_FAILED', violations: [{ path: 'uom' }, { path: 'attributes.material' }] },
    });
    expect(repo.insert).not.toHaveBeenCalled();
  });

  it('turns a duplicate part number into CONFLICT', async () => {
    repo.insert.mockRejectedValue(Object.assign(new Error('dup'), { code: '23505', constraint: 'parts_anchor_part_number_key' }));
    await expect(service.create(ctx, { partNumber: 'P', description: 'D', uom: 'C62' })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
  });
});
