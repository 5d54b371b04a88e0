import type { Redis } from 'ioredis';

/**
 * Fixed-window counters. In memory for one process; in Redis when REDIS_URL is set, so
 * that several server instances share one limit.
 */
export interface RateLimiter {
  /** Counts one hit on `key`; says whether it is allowed and when the window resets. */
  hit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowSeconds: number) {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count += 1;
    return { allowed: window.count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix = 'patron:rl:') {}

  async hit(key: string, limit: number, windowSeconds: number) {
    const redisKey = this.prefix + key;
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .incr(redisKey)
      .ttl(redisKey)
      .exec()) as [[null, number], [null, number]];
    let remaining = ttl;
    if (ttl < 0) {
      await this.redis.expire(redisKey, windowSeconds);
      remaining = windowSeconds;
    }
    return { allowed: count <= limit, retryAfterSeconds: Math.max(1, remaining) };
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key);
  }
}

/**
 * The shared limiter, falling back to one in memory while the shared one fails (Redis
 * down): limits then hold per instance instead of across them, and sign-in keeps working.
 */
export class FallbackRateLimiter implements RateLimiter {
  constructor(
    private readonly shared: RateLimiter,
    private readonly local: RateLimiter,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number) {
    try {
      return await this.shared.hit(key, limit, windowSeconds);
    } catch (error) {
      this.onFailure(error);
      return this.local.hit(key, limit, windowSeconds);
    }
  }

  async reset(key: string) {
    await Promise.all([this.shared.reset(key).catch((error) => this.onFailure(error)), this.local.reset(key)]);
  }
}
