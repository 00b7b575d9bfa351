import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Mutation, type RequestContext, Role, Roles } from '@anchorlink/core';
import { WebhookDelivery } from '../entities/webhook-delivery.entity.js';
import { WebhookSubscription } from '../entities/webhook-subscription.entity.js';
import { WebhooksService } from './webhooks.service.js';

@ObjectType()
export class WebhookSubscriptionResult {
  @Field(() => WebhookSubscription)
  subscription: WebhookSubscription;

  /** HMAC-SHA256 signing secret, shown once. */
  @Field()
  secret: string;
}

@Resolver(() => WebhookSubscription)
@Roles(Role.ORG_ADMIN)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookSubscription])
  webhookSubscriptions(@Ctx() ctx: RequestContext): Promise<WebhookSubscription[]> {
    return this.service.list(ctx);
  }

  @Query(() => [WebhookDelivery], { description: "A subscription's delivery log, newest event first (at most 200)." })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', { type: () => ID }) subscriptionId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<WebhookDelivery[]> {
    return this.service.deliveries(ctx, subscriptionId, first);
  }

  @Mutation(() => WebhookSubscriptionResult)
  createWebhookSubscription(
    @Ctx() ctx: RequestContext,
    @Args('url') url: string,
    @Args('events', { type: () => [String] }) events: string[],
  ): Promise<WebhookSubscriptionResult> {
    return this.service.create(ctx, url, events);
  }

  @Mutation(() => Boolean)
  deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(ctx, id);
  }
}
