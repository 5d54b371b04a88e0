import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { ModerationPostFragment, ModerationTopicRowFragment } from '../../graphql/generated/graphql';

// What the community screens' component tests share: i18n, a RouterLink stand-in, sample rows.
export const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
export const RouterLinkStub = { props: ['to'], template: '<a :href="`/to/${to.name}`"><slot /></a>' };
export const mountOptions = (locale: 'en' | 'ru' = 'en') => ({ global: { plugins: [i18n(locale)], stubs: { RouterLink: RouterLinkStub } } });

export const post = (overrides: Partial<ModerationPostFragment> = {}): ModerationPostFragment => ({
  id: 'Q29tbXVuaXR5UG9zdDox',
  postNumber: 2,
  topicId: 'Q29tbXVuaXR5VG9waWM6MQ==',
  html: '<p>Buy cheap watches at spam.example</p>',
  hidden: false,
  hiddenReason: null,
  deleted: false,
  createdAt: '2026-03-01T10:00:00.000Z',
  author: { memberId: 'TWVtYmVyOjEy', displayName: 'Ivan P.', username: 'ivan_12', tierName: 'Silver', isStaff: false },
  ...overrides,
});

export const topicRow = (overrides: Partial<ModerationTopicRowFragment> = {}): ModerationTopicRowFragment => ({
  id: 'Q29tbXVuaXR5VG9waWM6MQ==',
  title: 'Which coffee beans do you like?',
  excerpt: 'I am looking for something fruity',
  pinned: false,
  closed: false,
  locked: false,
  archived: false,
  hidden: false,
  postCount: 3,
  replyCount: 2,
  views: 41,
  lastPostedAt: '2026-03-02T10:00:00.000Z',
  author: { displayName: 'Anna I.', username: 'anna_1', isStaff: false },
  category: { id: 'Q29tbXVuaXR5Q2F0ZWdvcnk6MQ==', name: 'General', color: '#5B4BDB' },
  ...overrides,
});
