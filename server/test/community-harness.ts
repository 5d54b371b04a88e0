import { expect } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { Member } from '../src/members/member.entity';
import type { TestApp } from './harness';
import { globalId, loyaltySetup } from './loyalty-harness';

export const TOPIC_FIELDS = `id title replyCount reactionCount locked closed hidden category { slug } author { displayName username isStaff tierName }`;
export const POST_FIELDS = `id postNumber html raw hidden hiddenReason deleted version reactionCount reactions { reaction count mine } author { displayName username isStaff tierName }`;
const ERROR_FIELDS = `... on Error { code message } ... on NotAllowedError { reason } ... on ValidationError { fieldErrors { path message code } } ... on RateLimitedError { retryAfterSeconds }`;

export const CREATE_TOPIC = `mutation($input: CreateCommunityTopicInput!) { createCommunityTopic(input: $input) { __typename ... on CommunityTopic { ${TOPIC_FIELDS} posts(first: 5) { edges { node { ${POST_FIELDS} } } } } ${ERROR_FIELDS} } }`;
export const REPLY = `mutation($input: ReplyToCommunityTopicInput!) { replyToCommunityTopic(input: $input) { __typename ... on CommunityPost { ${POST_FIELDS} } ${ERROR_FIELDS} } }`;
export const REACT = `mutation($postId: ID!, $reaction: CommunityReaction!) { reactToCommunityPost(postId: $postId, reaction: $reaction) { __typename ... on CommunityPost { reactionCount reactions { reaction count mine } } ${ERROR_FIELDS} } }`;
export const FLAG = `mutation($postId: ID!, $reason: CommunityFlagReason!, $note: String) { flagCommunityPost(postId: $postId, reason: $reason, note: $note) { __typename ... on CommunityPost { hidden hiddenReason } ${ERROR_FIELDS} } }`;
export const EDIT = `mutation($id: ID!, $body: String!, $title: String) { editCommunityPost(id: $id, body: $body, title: $title) { __typename ... on CommunityPost { ${POST_FIELDS} } ${ERROR_FIELDS} } }`;
export const CREATE_CATEGORY = `mutation($input: CommunityCategoryInput!) { createCommunityCategory(input: $input) { __typename ... on CommunityCategory { id slug postPolicy minTierName } ... on Error { code message } ... on ValidationError { fieldErrors { path message } } } }`;
export const TOPIC = `query($id: ID!) { node(id: $id) { ... on CommunityTopic { ${TOPIC_FIELDS} posts(first: 50) { edges { node { ${POST_FIELDS} } } } } } }`;

/**
 * A program with Basic, Silver and Gold, an admin, a moderator and a POS key, and forum
 * categories: general, advice, a Gold-only lounge and staff-only news.
 */
export async function communitySetup(t: TestApp) {
  const base = await loyaltySetup(t);
  const em = t.app.dataSource.manager;
  const programs = t.app.services.programs;
  const tiers = {
    basic: await programs.saveTier(em, base.program.id, { code: 'basic', name: 'Basic', rank: 0, threshold: 0 } as never),
    silver: await programs.saveTier(em, base.program.id, { code: 'silver', name: 'Silver', rank: 1, threshold: 10_000_00 } as never),
    gold: await programs.saveTier(em, base.program.id, { code: 'gold', name: 'Gold', rank: 2, threshold: 50_000_00 } as never),
  };
  const created = await t.gql(`mutation { createStaffUser(input: { email: "mod@test.local", name: "Мария Модератор", password: "moderator-password-1", role: MODERATOR }) { __typename } }`, {}, { token: base.admin });
  expect(created.body.data.createStaffUser.__typename).not.toMatch(/Error/);
  const moderator = await t.signInStaff('mod@test.local', 'moderator-password-1');
  const category = async (input: Record<string, unknown>) => {
    const res = await t.gql(CREATE_CATEGORY, { input }, { token: moderator });
    expect(res.body.data?.createCommunityCategory?.__typename, JSON.stringify(res.body)).toBe('CommunityCategory');
    return res.body.data.createCommunityCategory.id as string;
  };
  const categories = {
    general: await category({ slug: 'general', name: 'Общее' }),
    advice: await category({ slug: 'advice', name: 'Советы', kind: 'ADVICE' }),
    lounge: await category({ slug: 'gold-lounge', name: 'Gold lounge', postPolicy: 'TIER', minTierId: globalId('Tier', tiers.gold.id) }),
    news: await category({ slug: 'news', name: 'Новости', postPolicy: 'STAFF', kind: 'ANNOUNCEMENTS' }),
  };
  return { ...base, moderator, tiers, categories };
}

let seq = 0;
/** A member who signed up in the portal: their session token and ids. */
export async function signUpMember(t: TestApp, name: string) {
  const email = `c${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const res = await t.gql(`mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { __typename ... on MemberSession { token member { id } } } }`, { input: { email, password: 'member-password-1', name } });
  const session = res.body.data.memberSignUp;
  expect(session.__typename, JSON.stringify(res.body)).toBe('MemberSession');
  const dbId = Number(Buffer.from(session.member.id, 'base64').toString().split(':')[1]);
  return { token: session.token as string, id: session.member.id as string, dbId, email };
}

/** Puts a member in a tier of the program (opening their account if needed). */
export async function setTier(t: TestApp, programId: number, memberId: number, tierId: number) {
  const em = t.app.dataSource.manager;
  await t.app.services.ledger.openAccount(em, memberId, programId);
  await em.update(LoyaltyAccount, { memberId, programId }, { tierId });
}

/** Gives a member the history that makes them trusted: a few posts and two days since joining. */
export async function makeTrusted(t: TestApp, memberId: number) {
  const em = t.app.dataSource.manager;
  await t.app.services.community.profiles.ensure(em, memberId);
  await em.query('UPDATE community_profiles SET postCount = 5 WHERE memberId = ?', [memberId]);
  await em.update(Member, { id: memberId }, { createdAt: new Date(Date.now() - 2 * 86_400_000) });
}
