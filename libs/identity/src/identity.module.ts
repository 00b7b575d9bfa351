import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '@anchorlink/core';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysResolver } from './api-keys/api-keys.resolver.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { VerifiedTokens } from './auth/verified-tokens.js';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import { InvitationResolver } from './invitations/invitation.resolver.js';
import { InvitationsRepository } from './invitations/invitations.repository.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { OrganizationsRepository } from './organizations/organizations.repository.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { PartnershipResolver } from './partnerships/partnership.resolver.js';
import { PartnershipsRepository } from './partnerships/partnerships.repository.js';
import { PartnershipsService } from './partnerships/partnerships.service.js';
import { UserResolver } from './users/user.resolver.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/** Users, organizations, sign-in, API keys, partnerships and invitations; installs the global auth guard. */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject (see JwtStrategy): signing and verifying skip the per-call key parsing.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret!)) as unknown as string }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: VerifiedTokens, inject: [JwtService], useFactory: (jwt: JwtService) => new VerifiedTokens(jwt) },
    JwtStrategy,
    AuthService,
    AuthResolver,
    RefreshTokensRepository,
    SignInThrottle,
    UsersRepository,
    UsersService,
    UserResolver,
    OrganizationsRepository,
    OrganizationsService,
    OrganizationResolver,
    PartnershipsRepository,
    PartnershipsService,
    PartnershipResolver,
    InvitationsRepository,
    InvitationsService,
    InvitationResolver,
    ApiKeysRepository,
    ApiKeysService,
    ApiKeysResolver,
  ],
  exports: [OrganizationsService, UsersService, PartnershipsService, AuthService, ApiKeysService],
})
export class IdentityModule {}
