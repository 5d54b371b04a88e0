// Answers for the forum's component tests, shaped as the server sends them, and a fetch
// that stands in for yoga's event stream so that tests can push live events.
import { vi } from 'vitest';
import webOperations from '@patron/schema/persisted-operations.json';

const persistedOperations: Record<string, string> = webOperations;

export const author = (name: string, extra: object = {}) => ({
  __typename: 'CommunityAuthor',
  displayName: name,
  username: name.toLowerCase().replace(/\W.*/, ''),
  isStaff: false,
  tierName: null,
  badges: [],
  ...extra,
});

export const category = (slug: string, extra: object = {}) => ({
  __typename: 'CommunityCategory',
  id: `cat-${slug}`,
  slug,
  name: `Category ${slug}`,
  description: `About ${slug}`,
  color: '#5B4BDB',
  kind: 'DISCUSSION',
  postPolicy: 'EVERYONE',
  minTierName: null,
  topicCount: 3,
  viewerCanPost: true,
  ...extra,
});

export const profile = (extra: object = {}) => ({
  __typename: 'CommunityProfile',
  username: 'anna',
  trustLevel: 1,
  postsPerHour: 60,
  penaltyKind: null,
  penaltyReason: null,
  penaltyEndsAt: null,
  ...extra,
});

export const topicRow = (id: string, extra: object = {}) => ({
  __typename: 'CommunityTopic',
  id,
  title: `Topic ${id}`,
  pinned: false,
  closed: false,
  locked: false,
  archived: false,
  views: 4,
  replyCount: 2,
  reactionCount: 1,
  postCount: 3,
  lastPostedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  excerpt: `Opening words of ${id}`,
  category: { __typename: 'CommunityCategory', id: 'cat-general', slug: 'general', name: 'Category general', color: '#5B4BDB', kind: 'DISCUSSION' },
  author: author('Anna I.'),
  ...extra,
});

export const post = (n: number, extra: object = {}) => ({
  __typename: 'CommunityPost',
  id: `post-${n}`,
  topicId: 'T1',
  postNumber: n,
  html: `<p>Post number ${n}</p>`,
  raw: null,
  hidden: false,
  hiddenReason: null,
  deleted: false,
  version: 1,
  editedAt: null,
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  reactions: [],
  viewerIsAuthor: false,
  bookmarked: false,
  replyToPostNumber: null,
  author: author(`Writer ${n}`),
  ...extra,
});

export function topicAnswer(posts: object[], extra: object = {}, profileExtra: object = {}) {
  return {
    node: {
      ...topicRow('T1'),
      acceptedAnswer: null,
      viewerState: { __typename: 'CommunityTopicViewerState', lastReadPostNumber: 99, notificationLevel: 'NORMAL' },
      viewerCanReply: true,
      posts: { __typename: 'CommunityTopicPostsConnection', edges: posts.map((node) => ({ __typename: 'CommunityTopicPostsConnectionEdge', node })), pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } },
      ...extra,
    },
    communityProfile: profile(profileExtra),
  };
}

/** Replaces fetch with event streams the test feeds: push(data) sends one `next` event to every open stream. */
export function fakeEventStreams() {
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  /** What each stream asked for; `query` is the text the server runs for a hash sent alone (schema/persisted-operations.json). */
  const requests: { query: string; variables: Record<string, unknown>; hash?: string }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const sent = JSON.parse(init.body as string) as { query?: string; variables: Record<string, unknown>; extensions?: { persistedQuery?: { sha256Hash?: string } } };
    const hash = sent.extensions?.persistedQuery?.sha256Hash;
    requests.push({ query: sent.query ?? (hash ? persistedOperations[hash] : undefined) ?? '', variables: sent.variables, hash });
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void streams.push(controller) });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    requests,
    push(data: object) {
      const chunk = new TextEncoder().encode(`event: next\ndata: ${JSON.stringify({ data })}\n\n`);
      for (const stream of streams) stream.enqueue(chunk);
    },
  };
}
