import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

/**
 * Live events for GraphQL subscriptions. Payloads carry ids only: each subscriber loads
 * the row itself, with its own rights. In one process events stay in memory; with Redis
 * they cross every server instance (yoga's Redis event target), so a member connected to
 * one server sees a post written through another.
 */
export interface LiveEvents {
  publish(channel: string, payload: LivePayload): void;
  subscribe(channel: string): AsyncIterable<LivePayload>;
  close(): Promise<void>;
}

export interface LivePayload {
  id: number;
}

export function createLiveEvents(options: { redisUrl?: string; prefix?: string; onError?: (err: Error) => void } = {}): LiveEvents {
  const prefix = `${options.prefix ?? ''}live:`;
  let clients: Redis[] = [];
  let pubsub = createPubSub<Record<string, [LivePayload]>>();
  if (options.redisUrl) {
    const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    const subscribeClient = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    clients = [publishClient, subscribeClient];
    for (const client of clients) client.on('error', (err) => options.onError?.(err));
    pubsub = createPubSub<Record<string, [LivePayload]>>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  }
  return {
    publish(channel, payload) {
      // Fire and forget: a lost live event costs a reload, never a write.
      try {
        pubsub.publish(prefix + channel, payload);
      } catch (err) {
        options.onError?.(err as Error);
      }
    },
    subscribe: (channel) => pubsub.subscribe(prefix + channel),
    async close() {
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
