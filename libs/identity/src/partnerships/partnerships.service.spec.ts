import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type AuditService, OrgKind, RequestContext, Role } from '@anchorlink/core';
import { fake } from '../../../../test/support/fakes.js';
import { Partnership, PartnershipStatus } from '../entities/partnership.entity.js';
import type { PartnershipsRepository } from './partnerships.repository.js';
import { PartnershipsService } from './partnerships.service.js';

const ANCHOR = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const ID = '33333333-3333-4333-8333-333333333333';

function partnership(status: PartnershipStatus): Partnership {
  return Object.assign(new Partnership(), {
    id: ID,
    anchorOrganizationId: ANCHOR,
    supplierOrganizationId: SUPPLIER,
    status,
    supplierCode: null,
  });
}

describe('PartnershipsService', () => {
  let repo: jest.Mocked<Pick<PartnershipsRepository, 'findForParty' | 'updateStatus' | 'findBetween' | 'listForOrganization'>>;
  let service: PartnershipsService;
  const anchorAdmin = RequestContext.forOrganization(ANCHOR, OrgKind.ANCHOR, [Role.ORG_ADMIN]);
  const supplier = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.ORG_ADMIN]);

  beforeEach(() => {
    repo = {
      findForParty: jest.fn(),
      updateStatus: jest.fn(async (_ctx, p, status) => ({ ...p, status })),
      findBetween: jest.fn(),
      listForOrganization: jest.fn(),
    };
    service = new PartnershipsService(
      fake<PartnershipsRepository>('partnerships', repo),
      fake<AuditService>('audit', { record: async () => undefined }),
    );
  });

  it('suspends an active partnership of the calling anchor', async () => {
    repo.findForParty.mockResolvedValue(partnership(PartnershipStatus.ACTIVE));
    const result = await service.setStatus(anchorAdmin, ID, PartnershipStatus.SUSPENDED);
    expect(result.status).toBe(PartnershipStatus.SUSPENDED);
    expect(repo.findForParty).toHaveBeenCalledWith(anchorAdmin, ID, ANCHOR);
  });

  it('does not write when nothing changes', async () => {
    repo.findForParty.mockResolvedValue(partnership(PartnershipStatus.ACTIVE));
    await service.setStatus(anchorAdmin, ID, PartnershipStatus.ACTIVE);
    expect(repo.updateStatus).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND to the supplier side and to unknown ids, without querying malformed ones', async () => {
    repo.findForParty.mockResolvedValue(partnership(PartnershipStatus.ACTIVE));
    await expect(service.setStatus(supplier, ID, PartnershipStatus.SUSPENDED)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    repo.findForParty.mockResolvedValue(null);
    await expect(service.setStatus(anchorAdmin, ID, PartnershipStatus.SUSPENDED)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    repo.findForParty.mockClear();
    await expect(service.setStatus(anchorAdmin, 'x', PartnershipStatus.SUSPENDED)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect(repo.findForParty).not.toHaveBeenCalled();
  });

  it('never moves a partnership back to INVITED', async () => {
    repo.findForParty.mockResolvedValue(partnership(PartnershipStatus.ACTIVE));
    await expect(service.setStatus(anchorAdmin, ID, PartnershipStatus.INVITED)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('requires an ACTIVE partnership for new business', async () => {
    repo.findBetween.mockResolvedValue(partnership(PartnershipStatus.SUSPENDED));
    await expect(service.requireActive(anchorAdmin, SUPPLIER)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    repo.findBetween.mockResolvedValue(null);
    await expect(service.requireActive(anchorAdmin, SUPPLIER)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    repo.findBetween.mockResolvedValue(partnership(PartnershipStatus.ACTIVE));
    await expect(service.requireActive(anchorAdmin, SUPPLIER)).resolves.toMatchObject({ id: ID });
  });
});
