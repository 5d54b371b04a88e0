/**
 * The variant a member lands in: a stable 32-bit FNV-1a hash of experiment key and member
 * id, the same on every server and every day, mapped onto the weights.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function bucket(experimentKey: string, memberId: string): number {
  // Mixing the final hash spreads sequential ids evenly.
  let h = fnv1a(`${experimentKey}:${memberId}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

export function pickVariant(experimentKey: string, memberId: string, variants: { key: string; weight: number }[]): string {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const point = bucket(experimentKey, memberId) * total;
  let acc = 0;
  for (const v of variants) {
    acc += v.weight;
    if (point < acc) return v.key;
  }
  return variants[variants.length - 1].key;
}
