import { Injectable } from '@nestjs/common';
import { byKeys, type RequestContext, requestLoader, LoaderSlot } from '@anchorlink/core';
import type DataLoader from 'dataloader';
import type { User } from '../entities/user.entity.js';
import { UsersRepository } from './users.repository.js';

// Per-request loaders (RequestScope slots).
const USER_BY_ID = new LoaderSlot<string, User | null>('users.byId');

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  /** Actors of events: users of the caller's organization and its partners, batched per request. */
  loader(ctx: RequestContext): DataLoader<string, User | null> {
    return requestLoader(ctx, USER_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.users.findVisibleByIds(ctx, ids), (u) => u.id),
    );
  }
}
