export interface Variant {
  key: string;
  weight: number;
}

/** Splits 100 % as evenly as whole percents allow; the first variants take the remainder. */
export function evenWeights(variants: readonly Variant[]): Variant[] {
  const n = variants.length;
  if (n === 0) return [];
  const base = Math.floor(100 / n);
  const extra = 100 - base * n;
  return variants.map((v, i) => ({ ...v, weight: base + (i < extra ? 1 : 0) }));
}

/** The next free letter: A, B, C… */
export function nextVariantKey(variants: readonly Variant[]): string {
  const taken = new Set(variants.map((v) => v.key));
  for (let i = 0; i < 26; i++) {
    const key = String.fromCharCode(65 + i);
    if (!taken.has(key)) return key;
  }
  return `V${variants.length + 1}`;
}
