import { z } from 'zod';

/** A data URL is stored in a TEXT column (64 KB on MySQL): the whole URL stays under this. */
export const MAX_IMAGE_DATA_URL = 64_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL = /^data:(image\/png|image\/svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/;
// An SVG shown inline must not carry scripts, event handlers or outside references.
const UNSAFE_SVG = /<script|<foreignObject|\bon[a-z]+\s*=|javascript:|<!ENTITY|xlink:href\s*=\s*["'](?!#)|\bhref\s*=\s*["'](?!#)/i;

/** Why an image is refused, or null when it is a fine https URL or a small PNG/SVG data URL. */
export function badgeImageProblem(image: string): string | null {
  if (image.startsWith('https://')) {
    if (image.length > 2000) return 'an image URL has at most 2,000 characters';
    return z.url().safeParse(image).success && !/\s/.test(image) ? null : 'is not a valid https URL';
  }
  if (!image.startsWith('data:')) return 'must be an https URL or a data URL of a PNG or SVG image';
  if (image.length > MAX_IMAGE_DATA_URL) return `an inline image has at most ${MAX_IMAGE_DATA_URL.toLocaleString('en')} characters; link a larger one by https URL`;
  const match = DATA_URL.exec(image);
  if (!match) return 'must be a base64 data URL of type image/png or image/svg+xml';
  const bytes = Buffer.from(match[2], 'base64');
  if (match[1] === 'image/png') return bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? null : 'is not a PNG image';
  const text = bytes.toString('utf8');
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'is not an SVG image';
  return UNSAFE_SVG.test(text) ? 'an SVG image may not contain scripts, event handlers or links' : null;
}
