import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Mutation, Public, type RequestContext } from '@anchorlink/core';
import { AuthPayload } from '../dto/auth.types.js';
import { User } from '../entities/user.entity.js';
import { AuthService } from './auth.service.js';
import { SignIn } from './sign-in.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @SignIn()
  @Mutation(() => AuthPayload)
  login(@Ctx() ctx: RequestContext, @Args('email') email: string, @Args('password') password: string): Promise<AuthPayload> {
    return this.auth.login(ctx, email, password);
  }

  @SignIn()
  @Mutation(() => AuthPayload)
  refreshToken(@Ctx() ctx: RequestContext, @Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => Boolean)
  logout(@Ctx() ctx: RequestContext, @Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.logout(ctx, refreshToken);
  }

  @Query(() => User)
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.auth.me(ctx);
  }
}
