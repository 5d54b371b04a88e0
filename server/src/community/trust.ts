/**
 * Trust, after Discourse's trust levels, kept to two: new members are limited until they
 * have a little history (a few posts and a day since joining); a tier of rank 2 or above
 * (Silver, Gold…) lifts the limits at once. Staff have none.
 */
export type TrustLevel = 0 | 1;

export interface TrustLimits {
  postsPerHour: number;
  linksPerPost: number;
  imagesPerPost: number;
  reactionsPerHour: number;
  flagsPerDay: number;
  /** How much a flag counts toward hiding a post until review. */
  flagWeight: number;
}

export const TRUST_LIMITS: Record<TrustLevel, TrustLimits> = {
  0: { postsPerHour: 10, linksPerPost: 2, imagesPerPost: 1, reactionsPerHour: 60, flagsPerDay: 5, flagWeight: 0 },
  1: { postsPerHour: 60, linksPerPost: 20, imagesPerPost: 10, reactionsPerHour: 600, flagsPerDay: 30, flagWeight: 1 },
};

/** Flags from trusted members (weight) that hide a post until a moderator reviews it. */
export const FLAG_WEIGHT_TO_HIDE = 3;
export const STAFF_FLAG_WEIGHT = FLAG_WEIGHT_TO_HIDE;

export const POSTS_FOR_TRUST = 3;
const DAY_MS = 86_400_000;

export function trustLevel(facts: { postCount: number; memberSince: Date; tierRank: number | null }, now: Date): TrustLevel {
  if ((facts.tierRank ?? 0) >= 2) return 1;
  return facts.postCount >= POSTS_FOR_TRUST && now.getTime() - facts.memberSince.getTime() >= DAY_MS ? 1 : 0;
}
