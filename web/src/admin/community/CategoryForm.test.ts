import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { ModerationCategoryFragment } from '../../graphql/generated/graphql';
import CategoriesTable from './CategoriesTable.vue';
import CategoryForm from './CategoryForm.vue';
import { emptyCategory, fromCategory, slugOf, toCategoryInput } from './category-form';
import { mountOptions } from './testing';

const tiers = [
  { id: 'VGllcjox', name: 'Silver' },
  { id: 'VGllcjoy', name: 'Gold' },
];
const category: ModerationCategoryFragment = {
  id: 'Q29tbXVuaXR5Q2F0ZWdvcnk6MQ==',
  slug: 'gold-lounge',
  name: 'Gold lounge',
  description: 'For our best customers',
  color: '#C9A227',
  position: 2,
  kind: 'DISCUSSION',
  postPolicy: 'TIER',
  archived: false,
  topicCount: 12,
  minTier: tiers[1],
};

describe('category form values', () => {
  it('makes a slug from a name and the input from the values', () => {
    expect(slugOf('Tips & tricks!')).toBe('tips-tricks');
    const { input, issues } = toCategoryInput({ ...emptyCategory(3), name: 'Tips', slug: 'tips' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ name: 'Tips', slug: 'tips', position: 3, postPolicy: 'EVERYONE', minTierId: null, kind: 'DISCUSSION' });
  });

  it('reads a category back, with its tier', () => {
    expect(fromCategory(category)).toMatchObject({ postPolicy: 'TIER', minTierId: 'VGllcjoy', position: '2' });
  });
});

describe('category form', () => {
  it('points at what the browser can tell at once and does not submit', async () => {
    const wrapper = mount(CategoryForm, { props: { tiers }, ...mountOptions() });
    await wrapper.find('#category-name').setValue('Клуб');
    await wrapper.find('#category-slug').setValue('Bad Slug');
    await wrapper.find('#category-color').setValue('purple');
    await wrapper.find('#category-position').setValue('first');
    await wrapper.find('#category-policy').setValue('TIER');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.text()).toContain('Check the highlighted fields.');
    expect(wrapper.find('[data-field="category-slug"]').text()).toContain('lower-case letters, digits and - only');
    expect(wrapper.find('[data-field="category-color"]').text()).toContain('#RRGGBB');
    expect(wrapper.find('[data-field="category-position"]').text()).toContain('whole number');
    expect(wrapper.find('[data-field="category-tier"]').text()).toContain('Choose the lowest tier');
    expect(wrapper.find('#category-slug').attributes('aria-invalid')).toBe('true');
  });

  it('follows the name with the slug until one is typed', async () => {
    const wrapper = mount(CategoryForm, { props: {}, ...mountOptions() });
    await wrapper.find('#category-name').setValue('Product ideas');
    expect((wrapper.find('#category-slug').element as HTMLInputElement).value).toBe('product-ideas');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ name: 'Product ideas', slug: 'product-ideas', color: '#5B4BDB' });
  });

  it('shows the server’s field errors under their fields (paths input.slug, input.minTierId)', async () => {
    const wrapper = mount(CategoryForm, {
      props: { initial: fromCategory(category), editing: true, tiers, message: 'Check the highlighted fields.', fieldErrors: { slug: 'A category with this slug already exists.', minTierId: 'not a tier of this program' } },
      ...mountOptions('ru'),
    });
    expect(wrapper.find('[data-field="category-slug"]').text()).toContain('already exists');
    expect(wrapper.find('[data-field="category-tier"]').text()).toContain('not a tier of this program');
    expect(wrapper.find('[data-testid="category-submit"]').text()).toBe('Сохранить');
    expect((wrapper.find('#category-tier').element as HTMLSelectElement).value).toBe('VGllcjoy');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ slug: 'gold-lounge', postPolicy: 'TIER', minTierId: 'VGllcjoy' });
  });
});

describe('categories table', () => {
  const table = (props: Record<string, unknown>) => mount(CategoriesTable, { props: { rows: [category], loading: false, error: null, busyId: null, ...props }, ...mountOptions() });

  it('lists categories with who may post, and archives one', async () => {
    const wrapper = table({});
    expect(wrapper.text()).toContain('Gold lounge');
    expect(wrapper.text()).toContain('Gold and above');
    await wrapper.find('[data-testid="category-archive"]').trigger('click');
    expect(wrapper.emitted('archive')).toEqual([[category, true]]);
  });

  it('shows the empty state with the way forward, and the error state', async () => {
    const empty = table({ rows: [] });
    expect(empty.text()).toContain('No categories yet');
    await empty.find('[data-testid="category-create-empty"]').trigger('click');
    expect(empty.emitted('create')).toHaveLength(1);
    expect(table({ rows: [], error: new Error('x') }).text()).toContain('The categories could not be loaded.');
  });
});
