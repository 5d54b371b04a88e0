import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { FlowEvent, TriggerEvent } from '../events';
import { triggerBirthday } from './trigger-birthday';
import { triggerChallengeCompleted } from './trigger-challenge-completed';
import { triggerCommunityPost } from './trigger-community-post';
import { triggerEvent } from './trigger-event';
import { triggerInactivity } from './trigger-inactivity';
import { triggerPointsExpiring } from './trigger-points-expiring';
import { triggerReferral } from './trigger-referral';
import { isCron, triggerSchedule } from './trigger-schedule';
import { triggerSignup } from './trigger-signup';
import { triggerSurveyAnswered } from './trigger-survey-answered';
import { triggerTierChanged } from './trigger-tier-changed';

const event = (type: TriggerEvent, extra: Partial<FlowEvent> = {}): FlowEvent => ({ type, memberId: 'm-1', occurredAt: '2025-03-14T10:00:00Z', ...extra });

function issuePaths(params: z.ZodType, input: unknown): string[] {
  const result = params.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

function expectWords(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/undefined|NaN|null|\[object/);
}

describe('trigger.event', () => {
  const p = triggerEvent.params.parse({});

  it('defaults to a usable event name and trims what the form sends', () => {
    expect(p).toEqual({ name: 'custom_event' });
    expect(triggerEvent.params.parse({ name: ' order.reviewed ' }).name).toBe('order.reviewed');
    expect(triggerEvent.params.parse({ name: 'shop:Visit-2' }).name).toBe('shop:Visit-2');
  });

  it('refuses names the API would not send', () => {
    expect(issuePaths(triggerEvent.params, { name: 'two words' })).toEqual(['name']);
    expect(issuePaths(triggerEvent.params, { name: '' })).toContain('name');
    expect(issuePaths(triggerEvent.params, { name: 'x'.repeat(65) })).toEqual(['name']);
    expect(issuePaths(triggerEvent.params, { name: 'привет' })).toEqual(['name']);
  });

  it('matches custom events by exact name', () => {
    expect(triggerEvent.trigger?.event).toBe('custom');
    expect(triggerEvent.trigger?.matches?.(p, event('custom', { name: 'custom_event' }))).toBe(true);
    expect(triggerEvent.trigger?.matches?.(p, event('custom', { name: 'other' }))).toBe(false);
    expect(triggerEvent.trigger?.matches?.(p, event('custom'))).toBe(false);
  });

  it('summarizes the name', () => {
    expect(triggerEvent.summary(p, 'ru')).toBe('Событие «custom_event»');
    expect(triggerEvent.summary(p, 'en')).toBe('Event “custom_event”');
  });
});

describe('parameterless triggers', () => {
  it('trigger.signup starts on its event', () => {
    expect(triggerSignup.params.parse({})).toEqual({});
    expect(triggerSignup.trigger?.event).toBe('signup');
    expect(triggerSignup.requires).toBe(undefined);
    expect(triggerSignup.outputs({})).toEqual(['out']);
    expectWords(triggerSignup.summary({}, 'ru'));
    expectWords(triggerSignup.summary({}, 'en'));
  });
});

describe('trigger.communityPost', () => {
  const parse = (activity?: string) => triggerCommunityPost.params.parse(activity ? { activity } : {});
  const matches = (p: ReturnType<typeof parse>, activity?: string) => triggerCommunityPost.trigger!.matches!(p, event('communityPost', { data: activity ? { activity } : {} }));

  it('defaults to posts (topics and replies) and needs the community domain', () => {
    expect(parse()).toEqual({ activity: 'post' });
    expect(triggerCommunityPost.trigger?.event).toBe('communityPost');
    expect(triggerCommunityPost.requires).toBe('community');
    for (const activity of ['any', 'post', 'topic', 'reply', 'acceptedAnswer', 'reactionReceived']) {
      expectWords(triggerCommunityPost.summary(parse(activity), 'ru'));
      expectWords(triggerCommunityPost.summary(parse(activity), 'en'));
    }
  });

  it('matches each activity to its own events', () => {
    expect(matches(parse('post'), 'topic')).toBe(true);
    expect(matches(parse('post'), 'reply')).toBe(true);
    expect(matches(parse('post'), 'reactionReceived')).toBe(false);
    expect(matches(parse('topic'), 'reply')).toBe(false);
    expect(matches(parse('acceptedAnswer'), 'acceptedAnswer')).toBe(true);
    expect(matches(parse('acceptedAnswer'), 'reply')).toBe(false);
    expect(matches(parse('reactionReceived'), 'reactionReceived')).toBe(true);
    expect(matches(parse('any'), 'reactionReceived')).toBe(true);
    // An event from an older sender, with no activity, was a post.
    expect(matches(parse('post'))).toBe(true);
    expect(matches(parse('reactionReceived'))).toBe(false);
  });

  it('refuses an unknown activity', () => {
    expect(triggerCommunityPost.params.safeParse({ activity: 'spam' }).success).toBe(false);
  });
});

describe('trigger.referral', () => {
  const referrer = triggerReferral.params.parse({});
  const referee = triggerReferral.params.parse({ role: 'referee' });
  const matches = (p: typeof referrer, data?: Record<string, unknown>) => triggerReferral.trigger!.matches!(p, event('referral', { data }));

  it('defaults to the referrer and needs the referrals domain', () => {
    expect(referrer).toEqual({ role: 'referrer' });
    expect(triggerReferral.trigger?.event).toBe('referral');
    expect(triggerReferral.requires).toBe('referrals');
    expect(triggerReferral.outputs(referrer)).toEqual(['out']);
  });

  it('refuses roles other than referrer and referee', () => {
    expect(issuePaths(triggerReferral.params, { role: 'friend' })).toEqual(['role']);
    expect(issuePaths(triggerReferral.params, { role: 7 })).toEqual(['role']);
  });

  it('matches only the side it is for', () => {
    const data = { referralId: 1, referrerId: 2, refereeId: 3 };
    expect(matches(referrer, { ...data, role: 'referrer' })).toBe(true);
    expect(matches(referrer, { ...data, role: 'referee' })).toBe(false);
    expect(matches(referee, { ...data, role: 'referee' })).toBe(true);
    expect(matches(referee, { ...data, role: 'referrer' })).toBe(false);
  });

  it('takes an event without a role for the referrer', () => {
    expect(matches(referrer)).toBe(true);
    expect(matches(referee)).toBe(false);
  });

  it('says whom it rewards', () => {
    for (const locale of ['ru', 'en'] as const) {
      expectWords(triggerReferral.summary(referrer, locale));
      expectWords(triggerReferral.summary(referee, locale));
      expect(triggerReferral.summary(referee, locale)).not.toBe(triggerReferral.summary(referrer, locale));
    }
  });
});

describe('trigger.birthday', () => {
  const matches = (daysBefore: number, data?: Record<string, unknown>) => triggerBirthday.trigger!.matches!(triggerBirthday.params.parse({ daysBefore }), event('birthday', { data }));

  it('defaults to the birthday itself', () => {
    expect(triggerBirthday.params.parse({})).toEqual({ daysBefore: 0 });
  });

  it('refuses offsets outside 0..60 and fractions', () => {
    expect(issuePaths(triggerBirthday.params, { daysBefore: 61 })).toEqual(['daysBefore']);
    expect(issuePaths(triggerBirthday.params, { daysBefore: -1 })).toEqual(['daysBefore']);
    expect(issuePaths(triggerBirthday.params, { daysBefore: 1.5 })).toEqual(['daysBefore']);
  });

  it('matches the event for the same number of days before', () => {
    expect(matches(0, { daysBefore: 0 })).toBe(true);
    expect(matches(7, { daysBefore: 7 })).toBe(true);
    expect(matches(7, { daysBefore: 0 })).toBe(false);
    expect(matches(0, { daysBefore: 7 })).toBe(false);
  });

  it('takes an event without daysBefore for the birthday itself', () => {
    expect(matches(0)).toBe(true);
    expect(matches(3)).toBe(false);
  });

  it('tells a join anniversary from a birthday', () => {
    const anniversary = triggerBirthday.params.parse({ daysBefore: 3, occasion: 'joinAnniversary' });
    const on = (data: Record<string, unknown>) => triggerBirthday.trigger!.matches!(anniversary, event('birthday', { data }));
    expect(on({ daysBefore: 3, occasion: 'joinAnniversary' })).toBe(true);
    expect(on({ daysBefore: 3 })).toBe(false);
    expect(matches(3, { daysBefore: 3, occasion: 'joinAnniversary' })).toBe(false);
    expect(issuePaths(triggerBirthday.params, { occasion: 'wedding' })).toEqual(['occasion']);
    expect(triggerBirthday.summary(anniversary, 'ru')).toBe('За 3 дня до годовщины вступления');
    expect(triggerBirthday.summary({ daysBefore: 0, occasion: 'joinAnniversary' }, 'en')).toBe("On the member's join anniversary");
  });

  it('counts days in Russian and English', () => {
    const summary = (daysBefore: number, locale: 'ru' | 'en') => triggerBirthday.summary({ daysBefore }, locale);
    expect(summary(0, 'ru')).toBe('В день рождения участника');
    expect(summary(1, 'ru')).toBe('За 1 день до дня рождения');
    expect(summary(3, 'ru')).toBe('За 3 дня до дня рождения');
    expect(summary(7, 'ru')).toBe('За 7 дней до дня рождения');
    expect(summary(21, 'ru')).toBe('За 21 день до дня рождения');
    expect(summary(1, 'en')).toBe('1 day before the birthday');
    expect(summary(7, 'en')).toBe('7 days before the birthday');
  });
});

describe('trigger.tierChanged', () => {
  const any = triggerTierChanged.params.parse({});
  const gold = triggerTierChanged.params.parse({ toTier: 'gold' });

  it('matches any change by default and one tier when set', () => {
    expect(any).toEqual({ toTier: null });
    expect(triggerTierChanged.trigger?.matches?.(any, event('tierChanged', { data: { toTier: 'silver' } }))).toBe(true);
    expect(triggerTierChanged.trigger?.matches?.(gold, event('tierChanged', { data: { fromTier: 'silver', toTier: 'gold' } }))).toBe(true);
    expect(triggerTierChanged.trigger?.matches?.(gold, event('tierChanged', { data: { fromTier: 'gold', toTier: 'silver' } }))).toBe(false);
    expect(triggerTierChanged.trigger?.matches?.(gold, event('tierChanged'))).toBe(false);
  });

  it('references the tier only when one is chosen', () => {
    expect(triggerTierChanged.references?.(any)).toEqual([]);
    expect(triggerTierChanged.references?.(gold)).toEqual([{ kind: 'tier', id: 'gold', path: ['params', 'toTier'] }]);
  });

  it('refuses an empty tier code', () => {
    expect(issuePaths(triggerTierChanged.params, { toTier: '  ' })).toEqual(['toTier']);
  });

  it('names the tier in the summary', () => {
    expect(triggerTierChanged.summary(gold, 'ru')).toBe('Переход на уровень «gold»');
    expect(triggerTierChanged.summary(gold, 'en')).toBe('Moved to tier “gold”');
    expectWords(triggerTierChanged.summary(any, 'en'));
  });
});

describe('trigger.surveyAnswered', () => {
  it('matches any survey by default and one survey when set', () => {
    const any = triggerSurveyAnswered.params.parse({});
    const nps = triggerSurveyAnswered.params.parse({ survey: 'nps-2025' });
    expect(any).toEqual({ survey: null });
    expect(triggerSurveyAnswered.requires).toBe('surveys');
    expect(triggerSurveyAnswered.trigger?.matches?.(any, event('surveyAnswered', { data: { survey: 'x' } }))).toBe(true);
    expect(triggerSurveyAnswered.trigger?.matches?.(nps, event('surveyAnswered', { data: { survey: 'nps-2025' } }))).toBe(true);
    expect(triggerSurveyAnswered.trigger?.matches?.(nps, event('surveyAnswered', { data: { survey: 'other' } }))).toBe(false);
    expectWords(triggerSurveyAnswered.summary(nps, 'ru'));
    expectWords(triggerSurveyAnswered.summary(any, 'en'));
  });
});

describe('trigger.schedule', () => {
  const p = triggerSchedule.params.parse({});

  it('defaults to Mondays at 10:00 and needs the scheduler', () => {
    expect(p).toEqual({ cron: '0 10 * * 1' });
    expect(triggerSchedule.requires).toBe('scheduler');
  });

  it.each(['0 10 * * 1', '*/15 9-18 * * 1-5', '0 0 1 1 *', '30 23 31 12 0', '0 10 * * 7', '0,30 8,12 1-15/2 */3 *', '  5  4 * * *  '])('accepts cron %j', (cron) => {
    expect(isCron(cron)).toBe(true);
    expect(triggerSchedule.params.safeParse({ cron }).success).toBe(true);
  });

  it.each(['0 10 * *', '0 10 * * 1 2026', '60 10 * * 1', '0 24 * * 1', '0 10 0 * 1', '0 10 32 * 1', '0 10 * 13 1', '0 10 * * 8', '*/0 * * * *', 'a b c d e', '0 10 * * MON', ''])(
    'refuses cron %j at params.cron',
    (cron) => {
      expect(issuePaths(triggerSchedule.params, { cron })).toEqual(['cron']);
    },
  );

  it('matches the schedule that came due by its cron, however it is spaced', () => {
    const matches = triggerSchedule.trigger!.matches!;
    expect(matches(p, event('schedule', { data: { cron: '0 10 * * 1' } }))).toBe(true);
    expect(matches(triggerSchedule.params.parse({ cron: '0  10 * * 1' }), event('schedule', { data: { cron: '0 10 * * 1' } }))).toBe(true);
    expect(matches(p, event('schedule', { data: { cron: '0 9 * * 1' } }))).toBe(false);
    expect(matches(p, event('schedule'))).toBe(false);
  });

  it('matches by schedule id when one is set', () => {
    const withId = triggerSchedule.params.parse({ scheduleId: 'weekly-digest' });
    const matches = triggerSchedule.trigger!.matches!;
    expect(matches(withId, event('schedule', { name: 'weekly-digest', data: { cron: '1 1 * * *' } }))).toBe(true);
    expect(matches(withId, event('schedule', { name: 'other', data: { cron: '0 10 * * 1' } }))).toBe(false);
  });

  it('describes common schedules in words and shows the rest as cron', () => {
    const summary = (cron: string, locale: 'ru' | 'en') => triggerSchedule.summary({ cron }, locale);
    expect(summary('0 10 * * 1', 'ru')).toBe('Каждый понедельник в 10:00');
    expect(summary('0 10 * * 1', 'en')).toBe('Every Monday at 10:00');
    expect(summary('5 9 * * *', 'ru')).toBe('Каждый день в 9:05');
    expect(summary('0 8 * * 1-5', 'en')).toBe('On weekdays at 8:00');
    expect(summary('0 12 * * 0', 'ru')).toBe('Каждое воскресенье в 12:00');
    expect(summary('0 12 * * 3', 'ru')).toBe('Каждую среду в 12:00');
    expect(summary('*/15 9-18 * * 1-5', 'en')).toBe('On schedule “*/15 9-18 * * 1-5”');
  });
});

describe('trigger.inactivity', () => {
  it('defaults to 90 days and refuses less than a week or more than two years', () => {
    expect(triggerInactivity.params.parse({})).toEqual({ days: 90 });
    expect(issuePaths(triggerInactivity.params, { days: 6 })).toEqual(['days']);
    expect(issuePaths(triggerInactivity.params, { days: 731 })).toEqual(['days']);
    expect(triggerInactivity.requires).toBe('scheduler');
  });

  it('fires once, on the day the lapse reaches its length', () => {
    const p = triggerInactivity.params.parse({});
    const matches = triggerInactivity.trigger!.matches!;
    expect(matches(p, event('inactivity', { data: { days: 90 } }))).toBe(true);
    expect(matches(p, event('inactivity', { data: { days: 91 } }))).toBe(false);
    expect(matches(p, event('inactivity'))).toBe(false);
  });

  it('summarizes in both languages', () => {
    expect(triggerInactivity.summary({ days: 90 }, 'ru')).toBe('Нет покупок 90 дней');
    expect(triggerInactivity.summary({ days: 365 }, 'en')).toBe('No purchase for 365 days');
  });
});

describe('trigger.pointsExpiring', () => {
  it('defaults to two weeks before and refuses 0', () => {
    expect(triggerPointsExpiring.params.parse({})).toEqual({ daysBefore: 14 });
    expect(issuePaths(triggerPointsExpiring.params, { daysBefore: 0 })).toEqual(['daysBefore']);
    expect(issuePaths(triggerPointsExpiring.params, { daysBefore: 91 })).toEqual(['daysBefore']);
  });

  it('matches the event for the same number of days before', () => {
    const p = triggerPointsExpiring.params.parse({});
    expect(triggerPointsExpiring.trigger?.matches?.(p, event('pointsExpiring', { data: { daysBefore: 14, points: 300 } }))).toBe(true);
    expect(triggerPointsExpiring.trigger?.matches?.(p, event('pointsExpiring', { data: { daysBefore: 7 } }))).toBe(false);
  });

  it('summarizes in both languages', () => {
    expect(triggerPointsExpiring.summary({ daysBefore: 14 }, 'ru')).toBe('За 14 дней до сгорания баллов');
    expect(triggerPointsExpiring.summary({ daysBefore: 1 }, 'en')).toBe('1 day before points expire');
  });
});

describe('trigger.challengeCompleted', () => {
  it('matches any challenge or the one named, and refers to it', () => {
    const any = triggerChallengeCompleted.params.parse({});
    const five = triggerChallengeCompleted.params.parse({ challenge: 'five-purchases' });
    expect(triggerChallengeCompleted.requires).toBe('challenges');
    expect(triggerChallengeCompleted.trigger?.matches?.(any, event('challengeCompleted', { data: { challenge: 'x' } }))).toBe(true);
    expect(triggerChallengeCompleted.trigger?.matches?.(five, event('challengeCompleted', { data: { challenge: 'five-purchases' } }))).toBe(true);
    expect(triggerChallengeCompleted.trigger?.matches?.(five, event('challengeCompleted', { data: { challenge: 'other' } }))).toBe(false);
    expect(triggerChallengeCompleted.references?.(any)).toEqual([]);
    expect(triggerChallengeCompleted.references?.(five)).toEqual([{ kind: 'challenge', id: 'five-purchases', path: ['params', 'challenge'] }]);
    expect(issuePaths(triggerChallengeCompleted.params, { challenge: 'x'.repeat(65) })).toEqual(['challenge']);
    expectWords(triggerChallengeCompleted.summary(five, 'ru'));
    expectWords(triggerChallengeCompleted.summary(any, 'en'));
  });
});
