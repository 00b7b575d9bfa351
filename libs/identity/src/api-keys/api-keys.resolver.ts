import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Mutation, type RequestContext, Role, Roles } from '@anchorlink/core';
import { ApiKeyResult } from '../dto/auth.types.js';
import { ApiKey } from '../entities/api-key.entity.js';
import { ApiKeysService } from './api-keys.service.js';

@Resolver(() => ApiKey)
@Roles(Role.ORG_ADMIN)
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeysService) {}

  @Query(() => [ApiKey], { description: "The organization's API keys, newest first (secrets are never shown again)." })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return this.service.list(ctx);
  }

  @Mutation(() => ApiKeyResult)
  createApiKey(
    @Ctx() ctx: RequestContext,
    @Args('name') name: string,
    @Args('roles', { type: () => [Role] }) roles: Role[],
  ): Promise<ApiKeyResult> {
    return this.service.create(ctx, name, roles);
  }

  @Mutation(() => Boolean)
  revokeApiKey(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.revoke(ctx, id);
  }
}
