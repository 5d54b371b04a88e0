import DataLoader from 'dataloader';
import type { Context } from './context';

const registries = new WeakMap<Context, Map<string, DataLoader<unknown, unknown>>>();

/**
 * A DataLoader that lives as long as one request: the same `name` in the same request
 * returns the same loader, so that every nested field asking for the same kind of rows
 * shares one batch (one SQL query for a page of 10 or 100 parents).
 */
export function requestLoader<K, V>(ctx: Context, name: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKey?: (key: K) => unknown): DataLoader<K, V> {
  let registry = registries.get(ctx);
  if (!registry) {
    registry = new Map();
    registries.set(ctx, registry);
  }
  let loader = registry.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { cacheKeyFn: cacheKey as ((key: K) => K) | undefined });
    registry.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
