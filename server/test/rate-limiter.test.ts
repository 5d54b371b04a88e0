import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../src/auth/rate-limiter';

const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(async () => {
  await redis?.quit();
});

const limiters: [string, () => RateLimiter][] = [['memory', () => new MemoryRateLimiter()]];
if (redis) limiters.push(['redis', () => new RedisRateLimiter(redis, `patron-test:${randomBytes(4).toString('hex')}:`)]);

describe.each(limiters)('%s rate limiter', (_name, make) => {
  it('allows up to the limit in a window, then refuses with a retry time', async () => {
    const limiter = make();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('k', 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts keys apart and forgets a key on reset', async () => {
    const limiter = make();
    await limiter.hit('a', 1, 60);
    expect((await limiter.hit('a', 1, 60)).allowed).toBe(false);
    expect((await limiter.hit('b', 1, 60)).allowed).toBe(true);
    await limiter.reset('a');
    expect((await limiter.hit('a', 1, 60)).allowed).toBe(true);
  });

  it('counts concurrent hits exactly', async () => {
    const limiter = make();
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('burst', 5, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});

describe('memory rate limiter window', () => {
  it('opens again when the window has passed', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    await limiter.hit('k', 1, 10);
    expect((await limiter.hit('k', 1, 10)).allowed).toBe(false);
    now += 10_001;
    expect((await limiter.hit('k', 1, 10)).allowed).toBe(true);
  });
});
