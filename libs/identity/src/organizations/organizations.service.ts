import { Injectable } from '@nestjs/common';
import { byKeys, Errors, type RequestContext, requestLoader, requireId, LoaderSlot } from '@anchorlink/core';
import type DataLoader from 'dataloader';
import type { Organization } from '../entities/organization.entity.js';
import { OrganizationsRepository } from './organizations.repository.js';

// Per-request loaders (RequestScope slots).
const ORGANIZATION_BY_ID = new LoaderSlot<string, Organization | null>('organizations.byId');

@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationsRepository) {}

  async get(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = await this.loader(ctx).load(requireId(ctx, id, 'entity.organization'));
    if (!organization) throw Errors.notFound(ctx, 'entity.organization');
    return organization;
  }

  /** For field resolvers (anchor, supplier, owner…): batched per request. */
  loader(ctx: RequestContext): DataLoader<string, Organization | null> {
    return requestLoader(ctx, ORGANIZATION_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.organizations.findVisibleByIds(ctx, ids), (o) => o.id),
    );
  }
}
