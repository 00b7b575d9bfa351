import { InvitationAction } from '../identity-lifecycles.js';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Mutation, OrgKind, OrgKinds, type RequestContext, Role, Roles } from '@anchorlink/core';
import { AcceptInvitationInput, AuthPayload, InviteSupplierInput } from '../dto/auth.types.js';
import { InvitationResult } from '../dto/invitation-result.type.js';
import { Invitation, InvitationStatus } from '../entities/invitation.entity.js';
import { SignIn } from '../auth/sign-in.js';
import { effectiveStatus, InvitationsService } from './invitations.service.js';

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(private readonly service: InvitationsService) {}

  @Query(() => [Invitation])
  invitations(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => InvitationStatus, nullable: true }) status?: InvitationStatus | null,
  ): Promise<Invitation[]> {
    return this.service.list(ctx, status);
  }

  @Roles(Role.PROCUREMENT, Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => InvitationResult)
  inviteSupplier(@Ctx() ctx: RequestContext, @Args('input') input: InviteSupplierInput): Promise<InvitationResult> {
    return this.service.invite(ctx, input);
  }

  @Roles(Role.PROCUREMENT, Role.ORG_ADMIN)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => Invitation)
  revokeInvitation(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Invitation> {
    return this.service.revoke(ctx, id);
  }

  @SignIn()
  @Mutation(() => AuthPayload)
  acceptInvitation(@Ctx() ctx: RequestContext, @Args('input') input: AcceptInvitationInput): Promise<AuthPayload> {
    return this.service.accept(ctx, input);
  }

  @ResolveField(() => InvitationStatus)
  status(@Parent() invitation: Invitation): InvitationStatus {
    return effectiveStatus(invitation);
  }

  /** What the caller may do next (the portal's buttons), from the invitation's lifecycle. */
  @ResolveField(() => [InvitationAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() invitation: Invitation): InvitationAction[] {
    return this.service.availableActions(ctx, invitation);
  }
}
