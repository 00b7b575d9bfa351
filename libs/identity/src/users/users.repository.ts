import { Injectable } from '@nestjs/common';
import { DatabaseGate, insertOne, type RequestContext } from '@anchorlink/core';
import { User } from '../entities/user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DatabaseGate) {}

  /** Needs the sign-in window (`app.auth_email`). */
  async findByEmailForSignIn(ctx: RequestContext, email: string): Promise<User | null> {
    const em = await this.db.manager(ctx);
    return em.createQueryBuilder(User, 'u').where(`u.email = :email AND u.email = app_setting('app.auth_email')`, { email }).getOne();
  }

  /** A user of the organization the sign-in flow acts as. */
  async findInCurrentOrganization(ctx: RequestContext, id: string): Promise<User | null> {
    const em = await this.db.manager(ctx);
    return em.createQueryBuilder(User, 'u').where('u.id = :id AND u.org_id = app_current_org()', { id }).getOne();
  }

  /** Users of the caller's organization and of its partners (actors of shared events). */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    const em = await this.db.manager(ctx);
    return em
      .createQueryBuilder(User, 'u')
      .where('u.id = ANY(:ids)', { ids })
      .andWhere(
        `(u.org_id = :me OR EXISTS (
            SELECT 1 FROM partnerships p
             WHERE (p.anchor_org_id = :me AND p.supplier_org_id = u.org_id)
                OR (p.supplier_org_id = :me AND p.anchor_org_id = u.org_id)))`,
        { me: ctx.organizationId },
      )
      .getMany();
  }

  async findOwn(ctx: RequestContext, id: string): Promise<User | null> {
    const em = await this.db.manager(ctx);
    return em.findOne(User, { where: { id, organizationId: ctx.organizationId } });
  }

  async insert(
    ctx: RequestContext,
    values: Pick<User, 'organizationId' | 'email' | 'passwordHash' | 'displayName' | 'roles' | 'locale'>,
  ): Promise<User> {
    const em = await this.db.manager(ctx);
    return insertOne(em, User, values);
  }
}
