import type { EntityManager } from 'typeorm';
import type { CampaignsService } from '../campaigns/campaigns.service';
import type { LiveEvents } from '../live/live-events';
import type { PrivacyService } from '../privacy/privacy.service';
import type { ProgramsService } from '../programs/programs.service';
import type { RulesService } from '../rules/rules.service';
import { CommunityBookmark } from './bookmark.entity';
import { CommunityCategoriesService } from './categories.service';
import { CommunityNotification } from './community-notification.entity';
import { CommunityNotificationsService } from './community-notifications.service';
import { CommunityPenalty } from './community-penalty.entity';
import { CommunityProfile } from './community-profile.entity';
import { CommunityLive } from './live';
import { CommunityModerationService } from './moderation.service';
import { CommunityPostAction } from './post-action.entity';
import { CommunityPostRevision } from './post-revision.entity';
import { CommunityPost } from './post.entity';
import { CommunityProfilesService } from './profiles.service';
import { CommunityReactionsService } from './reactions.service';
import { CommunitySearchService } from './search.service';
import { CommunityTopicUser } from './topic-user.entity';
import { CommunityTopic } from './topic.entity';
import { CommunityTopicsService } from './topics.service';

export interface Community {
  categories: CommunityCategoriesService;
  topics: CommunityTopicsService;
  reactions: CommunityReactionsService;
  moderation: CommunityModerationService;
  profiles: CommunityProfilesService;
  search: CommunitySearchService;
  notifications: CommunityNotificationsService;
  live: CommunityLive;
}

/**
 * The community forum, wired into the program: posts, accepted answers and reactions
 * received fire trigger.communityPost; a member's posts are part of their data and go
 * with anonymisation.
 */
export function createCommunity(programs: ProgramsService, rules: RulesService, campaigns: CampaignsService, privacy: PrivacyService, live: LiveEvents): Community {
  const categories = new CommunityCategoriesService(programs);
  const profiles = new CommunityProfilesService();
  const search = new CommunitySearchService();
  const notifications = new CommunityNotificationsService();
  const topics = new CommunityTopicsService(programs, rules, categories, profiles, search, notifications);
  const reactions = new CommunityReactionsService(programs, categories, profiles, topics, notifications, search);
  const moderation = new CommunityModerationService(categories, topics, reactions, search);
  campaigns.enableDomain('community');

  const mine = (entity: typeof CommunityPost | typeof CommunityPostRevision, column: string) => (em: EntityManager, memberId: number) => em.find(entity, { where: { [column]: memberId } as never, order: { id: 'ASC' } });
  privacy.addSection('communityProfile', (em, memberId) => em.find(CommunityProfile, { where: { memberId } }));
  privacy.addSection('communityPosts', mine(CommunityPost, 'authorMemberId'));
  privacy.addSection('communityPostRevisions', mine(CommunityPostRevision, 'editorMemberId'));
  privacy.addSection('communityReactionsAndFlags', (em, memberId) => em.find(CommunityPostAction, { where: { memberId }, order: { id: 'ASC' } }));
  privacy.addSection('communityBookmarks', (em, memberId) => em.find(CommunityBookmark, { where: { memberId }, order: { id: 'ASC' } }));
  privacy.addSection('communityPenalties', (em, memberId) => em.find(CommunityPenalty, { where: { memberId }, order: { id: 'ASC' } }));
  // What the person wrote can name them: the text goes, the thread keeps a placeholder and its numbering.
  privacy.addEraser(async (em, memberId) => {
    const posts = await em.find(CommunityPost, { where: { authorMemberId: memberId }, select: { id: true } });
    const now = new Date();
    await em.update(CommunityPost, { authorMemberId: memberId }, { raw: '', cooked: '', deletedAt: now, updatedAt: now });
    if (posts.length) await em.delete(CommunityPostRevision, posts.map((p) => ({ postId: p.id })));
    await em.delete(CommunityPostRevision, { editorMemberId: memberId });
    await search.remove(em, posts.map((p) => p.id));
    for (const topic of await em.find(CommunityTopic, { where: { authorMemberId: memberId }, select: { id: true } })) {
      await em.update(CommunityTopic, { id: topic.id }, { title: '[deleted]' });
      await search.retitle(em, topic.id, '[deleted]');
    }
    await em.update(CommunityProfile, { memberId }, { username: `deleted_${memberId}` });
    await em.update(CommunityPostAction, { memberId }, { flagNote: null });
    await em.delete(CommunityBookmark, { memberId });
    await em.delete(CommunityTopicUser, { memberId });
    await em.delete(CommunityNotification, { memberId });
  });

  return { categories, topics, reactions, moderation, profiles, search, notifications, live: new CommunityLive(live) };
}
