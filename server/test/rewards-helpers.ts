import { expect } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import type { TestApp } from './harness';
import { globalId } from './loyalty-harness';

export const CREATE_REWARD = `mutation($input: RewardInput!) { createReward(input: $input) {
  __typename ... on Reward { id code stock costPoints kind }
  ... on ValidationError { fieldErrors { path message code } } ... on Error { code message } } }`;
export const UPDATE_REWARD = `mutation($id: ID!, $input: RewardInput!) { updateReward(id: $id, input: $input) {
  __typename ... on Reward { id code stock validUntil } ... on ValidationError { fieldErrors { path message } } ... on Error { code message } } }`;
export const REDEEM_REWARD = `mutation($input: RedeemRewardInput!) { redeemReward(input: $input) {
  __typename
  ... on RewardRedeemed { replayed coupon { code state expiresAt reward { code } } account { available } redemption { points } }
  ... on InsufficientPointsError { available requested }
  ... on RewardNotAvailableError { reason }
  ... on RewardLimitReachedError { limit }
  ... on Error { code message } } }`;
export const USE_COUPON = `mutation($input: UseCouponInput!) { useCoupon(input: $input) {
  __typename ... on CouponUsed { replayed coupon { code state orderRef usedStore } } ... on Error { code message } } }`;
export const VALIDATE_COUPON = `query($code: String!) { validateCoupon(code: $code) {
  __typename ... on Coupon { code state expiresAt member { id } reward { code kind } } ... on Error { code message } } }`;

/** A member with a session of their own. */
export async function signUpMember(t: TestApp, email: string) {
  const res = await t.gql(`mutation($email: String!) { memberSignUp(input: { email: $email, password: "member-password-1" }) { ... on MemberSession { token member { id } } } }`, { email });
  const { token, member } = res.body.data.memberSignUp;
  return { token: token as string, id: member.id as string, dbId: Number(Buffer.from(member.id, 'base64').toString().split(':')[1]) };
}

/** Gives a member points through the ledger (a staff adjustment). */
export async function givePoints(t: TestApp, memberId: number, points: number) {
  await t.app.services.checkout.adjust(t.app.dataSource, { memberId, points, reason: 'test points' }, { kind: 'system', id: null });
}

export async function balanceOf(t: TestApp, memberId: number) {
  return (await t.app.dataSource.manager.findOne(LoyaltyAccount, { where: { memberId } }))?.available ?? 0;
}

let rewardSeq = 0;
export async function createReward(t: TestApp, admin: string, input: Record<string, unknown>) {
  const res = await t.gql(CREATE_REWARD, { input: { code: `r-${++rewardSeq}`, name: 'Reward', kind: 'COUPON', costPoints: 100, ...input } }, { token: admin });
  const reward = res.body.data.createReward;
  expect(reward.__typename, JSON.stringify(reward)).toBe('Reward');
  return { id: reward.id as string, dbId: Number(Buffer.from(reward.id, 'base64').toString().split(':')[1]), code: reward.code as string };
}

export const memberGid = (id: number) => globalId('Member', id);
export const COUPON_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
