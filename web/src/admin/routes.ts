import type { RouteRecordRaw } from 'vue-router';
import { loadCampaignEditor } from './campaigns/load-editor';

// The staff console: every component is loaded on demand, so that the member portal
// never downloads it.
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/login',
    name: 'admin-login',
    component: () => import('./auth/LoginPage.vue'),
    meta: { area: 'admin', guestOnly: true, title: 'admin.login.title' },
  },
  {
    path: '/admin',
    component: () => import('./AdminLayout.vue'),
    meta: { area: 'admin', requires: 'staff' },
    children: [
      {
        path: '',
        name: 'admin-dashboard',
        component: () => import('./dashboard/DashboardPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'dashboard', title: 'admin.sections.dashboard' },
      },
      {
        path: 'members',
        name: 'admin-members',
        component: () => import('./members/MembersPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'members', title: 'admin.sections.members' },
      },
      {
        path: 'members/:id',
        name: 'admin-member',
        component: () => import('./members/MemberProfilePage.vue'),
        props: true,
        meta: { area: 'admin', requires: 'staff', section: 'members', title: 'admin.sections.members' },
      },
      {
        path: 'programs',
        component: () => import('./programs/ProgramsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'programs', title: 'admin.sections.programs' },
        children: [
          // The chosen program rides in ?program= from tab to tab.
          { path: '', name: 'admin-programs', redirect: (to) => ({ name: 'admin-programs-settings', query: to.query }) },
          {
            path: 'settings',
            name: 'admin-programs-settings',
            component: () => import('./programs/ProgramSettingsPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'programs', title: 'programs.tabs.settings' },
          },
          {
            path: 'tiers',
            name: 'admin-programs-tiers',
            component: () => import('./programs/TiersPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'programs', title: 'programs.tabs.tiers' },
          },
          {
            path: 'referrals',
            name: 'admin-programs-referrals',
            component: () => import('./programs/ReferralsPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'programs', title: 'programs.tabs.referrals' },
          },
          {
            path: 'clubs',
            name: 'admin-programs-clubs',
            component: () => import('./programs/ClubsPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'programs', title: 'programs.tabs.clubs' },
          },
        ],
      },
      {
        path: 'templates',
        name: 'admin-templates',
        component: () => import('./templates/TemplatesPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'templates', title: 'admin.sections.templates' },
      },
      {
        path: 'campaigns',
        name: 'admin-campaigns',
        component: () => import('./campaigns/CampaignsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'campaigns', title: 'admin.sections.campaigns' },
      },
      {
        // The flow editor (Vue Flow, dagre) loads only with this route.
        path: 'campaigns/:id',
        name: 'admin-campaign-editor',
        component: loadCampaignEditor,
        props: true,
        meta: { area: 'admin', requires: 'staff', section: 'campaigns', title: 'campaigns.editorTitle' },
      },
      {
        path: 'rewards',
        name: 'admin-rewards',
        component: () => import('./rewards/RewardsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'rewards', title: 'admin.sections.rewards' },
      },
      {
        path: 'engagement',
        component: () => import('./engagement/EngagementPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'engagement', title: 'admin.sections.engagement' },
        children: [
          { path: '', name: 'admin-engagement', redirect: { name: 'admin-engagement-challenges' } },
          {
            path: 'challenges',
            name: 'admin-engagement-challenges',
            component: () => import('./engagement/ChallengesPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'engagement', title: 'engagement.tabs.challenges' },
          },
          {
            path: 'badges',
            name: 'admin-engagement-badges',
            component: () => import('./engagement/BadgesPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'engagement', title: 'engagement.tabs.badges' },
          },
          {
            path: 'offers',
            name: 'admin-engagement-offers',
            component: () => import('./engagement/OffersPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'engagement', title: 'engagement.tabs.offers' },
          },
          {
            path: 'leaderboard',
            name: 'admin-engagement-leaderboard',
            component: () => import('./engagement/LeaderboardPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'engagement', title: 'engagement.tabs.leaderboard' },
          },
        ],
      },
      {
        path: 'segments',
        name: 'admin-segments',
        component: () => import('./segments/SegmentsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'segments', title: 'admin.sections.segments' },
      },
      {
        path: 'segments/new',
        name: 'admin-segment-new',
        component: () => import('./segments/SegmentEditorPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'segments', title: 'segments.editor.newTitle' },
      },
      {
        path: 'segments/:id',
        name: 'admin-segment',
        component: () => import('./segments/SegmentEditorPage.vue'),
        props: true,
        meta: { area: 'admin', requires: 'staff', section: 'segments', title: 'segments.title' },
      },
      {
        path: 'community',
        component: () => import('./community/CommunityPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'community', title: 'admin.sections.community' },
        children: [
          { path: '', name: 'admin-community', redirect: { name: 'admin-community-review' } },
          {
            path: 'review',
            name: 'admin-community-review',
            component: () => import('./community/ReviewQueuePage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'community', title: 'moderation.tabs.review' },
          },
          {
            path: 'topics',
            name: 'admin-community-topics',
            component: () => import('./community/TopicsPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'community', title: 'moderation.tabs.topics' },
          },
          {
            path: 'topics/:id',
            name: 'admin-community-topic',
            component: () => import('./community/TopicPage.vue'),
            props: true,
            meta: { area: 'admin', requires: 'staff', section: 'community', title: 'moderation.tabs.topics' },
          },
          {
            path: 'categories',
            name: 'admin-community-categories',
            component: () => import('./community/CategoriesPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'community', title: 'moderation.tabs.categories' },
          },
          {
            path: 'members/:memberId',
            name: 'admin-community-member',
            component: () => import('./community/MemberModerationPage.vue'),
            props: true,
            meta: { area: 'admin', requires: 'staff', section: 'community', title: 'moderation.title' },
          },
        ],
      },
      {
        path: 'surveys',
        name: 'admin-surveys',
        component: () => import('./surveys/SurveysPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'surveys', title: 'admin.sections.surveys' },
      },
      {
        path: 'surveys/new',
        name: 'admin-survey-new',
        component: () => import('./surveys/SurveyCreatePage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'surveys', title: 'surveys.editor.title' },
      },
      {
        path: 'surveys/:id/edit',
        name: 'admin-survey-edit',
        component: () => import('./surveys/SurveyCreatePage.vue'),
        props: true,
        meta: { area: 'admin', requires: 'staff', section: 'surveys', title: 'surveys.editor.editTitle' },
      },
      {
        path: 'surveys/:id',
        name: 'admin-survey',
        component: () => import('./surveys/SurveyResultsPage.vue'),
        props: true,
        meta: { area: 'admin', requires: 'staff', section: 'surveys', title: 'surveys.results' },
      },
      {
        path: 'partners',
        name: 'admin-partners',
        component: () => import('./partners/PartnersPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'partners', title: 'admin.sections.partners' },
      },
      {
        path: 'imports',
        name: 'admin-imports',
        component: () => import('./imports/ImportsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'imports', title: 'admin.sections.imports' },
      },
      {
        path: 'settings',
        component: () => import('./settings/SettingsPage.vue'),
        meta: { area: 'admin', requires: 'staff', section: 'settings', title: 'admin.sections.settings' },
        children: [
          { path: '', name: 'admin-settings', redirect: { name: 'admin-api-keys' } },
          {
            path: 'api-keys',
            name: 'admin-api-keys',
            component: () => import('./settings/api-keys/ApiKeysPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'settings', title: 'admin.settings.tabs.apiKeys' },
          },
          {
            path: 'staff',
            name: 'admin-staff',
            component: () => import('./settings/staff/StaffUsersPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'settings', title: 'admin.settings.tabs.staff' },
          },
          {
            path: 'webhooks',
            name: 'admin-webhooks',
            component: () => import('./settings/webhooks/WebhooksPage.vue'),
            meta: { area: 'admin', requires: 'staff', section: 'settings', title: 'webhooks.tab' },
          },
          {
            path: 'webhooks/:id',
            name: 'admin-webhook-deliveries',
            component: () => import('./settings/webhooks/WebhookDeliveriesPage.vue'),
            props: true,
            meta: { area: 'admin', requires: 'staff', section: 'settings', title: 'webhooks.log.title' },
          },
        ],
      },
    ],
  },
];
