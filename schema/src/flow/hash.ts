const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over more text: hashing a and then b gives the hash of a + b, with no string built. */
function fnvMore(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/**
 * The variant a member lands in: a stable 32-bit FNV-1a hash of experiment key and member
 * id, the same on every server and every day, mapped onto the weights.
 */
export function fnv1a(text: string): number {
  return fnvMore(FNV_OFFSET, text) >>> 0;
}

export function bucket(experimentKey: string, memberId: string): number {
  // The hash of `${experimentKey}:${memberId}`, read piece by piece: an A/B split runs on
  // every event of every campaign that has one, and the joined string was garbage each time.
  return spread(fnvMore(fnvMore(fnvMore(FNV_OFFSET, experimentKey), ':'), memberId) >>> 0);
}

/** A 32-bit hash as a point in [0, 1), its bits mixed first so that sequential ids spread evenly. */
export function spread(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/**
 * The split of one experiment, its weights summed once: the member's variant comes back
 * as its index, in the order given (what a compiled A/B split runs on every event).
 */
export function variantPicker(experimentKey: string, variants: readonly { weight: number }[]): (memberId: string) => number {
  const bounds = new Float64Array(variants.length);
  let total = 0;
  variants.forEach((v, i) => (bounds[i] = total += v.weight));
  const last = variants.length - 1;
  return (memberId) => {
    const point = bucket(experimentKey, memberId) * total;
    for (let i = 0; i < last; i++) if (point < bounds[i]) return i;
    return last;
  };
}

export function pickVariant(experimentKey: string, memberId: string, variants: { key: string; weight: number }[]): string {
  return variants[variantPicker(experimentKey, variants)(memberId)].key;
}
