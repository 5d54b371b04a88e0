import type { CommunityCategoryInput, CommunityCategoryKind, CommunityPostPolicy, ModerationCategoryFragment } from '../../graphql/generated/graphql';

export const CATEGORY_KINDS: CommunityCategoryKind[] = ['DISCUSSION', 'ADVICE', 'ANNOUNCEMENTS'];
export const POST_POLICIES: CommunityPostPolicy[] = ['EVERYONE', 'TIER', 'STAFF'];
/** The form's fields, by the names the server's field errors use (['input', 'slug']). */
export const CATEGORY_FIELDS = ['name', 'slug', 'description', 'color', 'position', 'kind', 'postPolicy', 'minTierId'] as const;

/** As typed: text, so that a half-typed number is not lost. */
export interface CategoryFormValues {
  name: string;
  slug: string;
  description: string;
  color: string;
  position: string;
  kind: CommunityCategoryKind;
  postPolicy: CommunityPostPolicy;
  minTierId: string;
}

export type CategoryIssue = 'required' | 'slug' | 'color' | 'wholeNumber' | 'tier';

export function emptyCategory(position = 0): CategoryFormValues {
  return { name: '', slug: '', description: '', color: '#5B4BDB', position: String(position), kind: 'DISCUSSION', postPolicy: 'EVERYONE', minTierId: '' };
}

export function fromCategory(category: ModerationCategoryFragment): CategoryFormValues {
  return {
    name: category.name,
    slug: category.slug,
    description: category.description,
    color: category.color,
    position: String(category.position),
    kind: category.kind,
    postPolicy: category.postPolicy,
    minTierId: category.minTier?.id ?? '',
  };
}

/** A slug from a name, for a new category: "Советы и вопросы" has none, "Tips & tricks" gives "tips-tricks". */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/**
 * The input the API takes, or what the browser can already tell is wrong. The server
 * checks the same and more (a slug taken, a tier of another program) and answers with
 * field errors under the same names.
 */
export function toCategoryInput(values: CategoryFormValues): { input: CommunityCategoryInput; issues: Partial<Record<(typeof CATEGORY_FIELDS)[number], CategoryIssue>> } {
  const issues: Partial<Record<(typeof CATEGORY_FIELDS)[number], CategoryIssue>> = {};
  const name = values.name.trim();
  const slug = values.slug.trim();
  const color = values.color.trim();
  const position = values.position.trim();
  if (!name) issues.name = 'required';
  if (!slug) issues.slug = 'required';
  else if (!/^[a-z0-9-]{1,64}$/.test(slug)) issues.slug = 'slug';
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) issues.color = 'color';
  if (position && !/^\d+$/.test(position)) issues.position = 'wholeNumber';
  if (values.postPolicy === 'TIER' && !values.minTierId) issues.minTierId = 'tier';
  const input: CommunityCategoryInput = {
    name,
    slug,
    description: values.description.trim(),
    color,
    position: position && !issues.position ? Number(position) : 0,
    kind: values.kind,
    postPolicy: values.postPolicy,
    minTierId: values.postPolicy === 'TIER' ? values.minTierId : null,
  };
  return { input, issues };
}
