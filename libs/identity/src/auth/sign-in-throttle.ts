import { Injectable } from '@nestjs/common';
import { AppConfig, CounterStore, RateLimitedError, type RequestContext } from '@anchorlink/core';

const WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins per account and per client IP: after LOGIN_MAX_FAILURES (10)
 * within 15 minutes, further attempts are RATE_LIMITED until the window ends,
 * whether the password would be right or not.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly counters: CounterStore,
    private readonly config: AppConfig,
  ) {}

  private keys(ctx: RequestContext, email: string): string[] {
    return [`signin:account:${email}`, ...(ctx.clientIp ? [`signin:ip:${ctx.clientIp}`] : [])];
  }

  async check(ctx: RequestContext, email: string): Promise<void> {
    for (const key of this.keys(ctx, email)) {
      if ((await this.counters.get(key)) >= this.config.loginMaxFailures) {
        const retryAfter = await this.counters.ttl(key);
        throw new RateLimitedError(ctx.t('auth.rateLimited', { minutes: Math.max(1, Math.ceil(retryAfter / 60)) }), retryAfter);
      }
    }
  }

  async failed(ctx: RequestContext, email: string): Promise<void> {
    for (const key of this.keys(ctx, email)) await this.counters.increment(key, WINDOW_SECONDS);
  }

  async succeeded(email: string): Promise<void> {
    await this.counters.reset(`signin:account:${email}`);
  }
}
