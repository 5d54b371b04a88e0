import type { BadgeInput, BadgeRowFragment, BadgeStatus } from '../../graphql/generated/graphql';
import { CODE, collector, type Issues } from './form-parse';

export const BADGE_STATUSES: BadgeStatus[] = ['ACTIVE', 'ARCHIVED'];
/** The server keeps an inline image under this many characters (a TEXT column on MySQL). */
export const MAX_IMAGE_DATA_URL = 64_000;

export interface BadgeFormValues {
  code: string;
  name: string;
  description: string;
  image: string;
  status: BadgeStatus;
}

export const BADGE_FIELDS = ['code', 'name', 'description', 'image', 'status'] as const;

export function emptyBadge(): BadgeFormValues {
  return { code: '', name: '', description: '', image: '', status: 'ACTIVE' };
}

export function fromBadge(badge: BadgeRowFragment): BadgeFormValues {
  return { code: badge.code, name: badge.name, description: badge.description, image: badge.image ?? '', status: badge.status };
}

/**
 * Why an image cannot be sent, or null. The browser checks the shape (an https URL, or a
 * PNG/SVG data URL small enough); the server also looks inside an SVG for scripts.
 */
export function imageIssue(image: string): 'image' | 'tooLong' | null {
  if (!image) return null;
  if (image.startsWith('https://')) return image.length > 2000 ? 'tooLong' : /\s/.test(image) || image.length < 12 ? 'image' : null;
  if (!/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/.test(image)) return 'image';
  return image.length > MAX_IMAGE_DATA_URL ? 'tooLong' : null;
}

export function toBadgeInput(values: BadgeFormValues): { input: BadgeInput; issues: Issues } {
  const { issues, check, length } = collector();
  const input: BadgeInput = { code: values.code.trim(), name: values.name.trim(), description: values.description.trim(), image: values.image.trim(), status: values.status };
  check('code', !input.code, { key: 'required' });
  check('code', !CODE.test(input.code ?? ''), { key: 'code' });
  check('name', !input.name, { key: 'required' });
  length('name', input.name ?? '', 200);
  length('description', input.description ?? '', 2000);
  const problem = imageIssue(input.image ?? '');
  if (problem === 'tooLong') check('image', true, { key: 'tooLong', values: { max: input.image!.startsWith('data:') ? MAX_IMAGE_DATA_URL : 2000 } });
  else check('image', problem === 'image', { key: 'image' });
  return { input, issues };
}

/** Reads a chosen PNG or SVG file into the data URL the API takes. */
export function readImageFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
