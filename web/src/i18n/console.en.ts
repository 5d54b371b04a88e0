// The staff console's messages in English: loaded with the console (index.ts, loadConsoleMessages),
// so that the member portal does not download them.
import campaigns from '../admin/campaigns/messages.en';
import dashboard from '../admin/dashboard/messages.en';
import segments from '../admin/segments/messages.en';
import surveys from '../admin/surveys/messages.en';
import templates from '../admin/templates/messages.en';
import rewards from '../admin/rewards/messages.en';
import partners from '../admin/partners/messages.en';
import imports from '../admin/imports/messages.en';
import moderation from '../admin/community/messages.en';
import memberProfile from '../admin/members/messages.en';
import flowEditor from '../flow-editor/messages.en';
import programs from '../admin/programs/messages.en';
import engagement from '../admin/engagement/messages.en';
import webhooks from '../admin/settings/webhooks/messages.en';

const consoleEn = {
  admin: {
    login: {
      title: 'Staff sign-in',
      subtitle: 'Sign in to run the loyalty program.',
      submit: 'Sign in',
      invalidCredentials: 'Wrong email or password.',
    },
    nav: {
      label: 'Sections',
      openMenu: 'Menu',
      waiting: '{count} waiting',
    },
    sections: {
      dashboard: 'Dashboard',
      members: 'Members',
      programs: 'Programs',
      templates: 'Templates',
      campaigns: 'Campaigns',
      rewards: 'Rewards',
      engagement: 'Engagement',
      segments: 'Segments',
      community: 'Community',
      surveys: 'Surveys',
      partners: 'Partners',
      imports: 'Imports',
      settings: 'Settings',
    },
    roles: {
      ADMIN: 'Administrator',
      MARKETER: 'Marketer',
      MODERATOR: 'Moderator',
      ANALYST: 'Analyst',
      SUPPORT: 'Support',
    },
    dashboard: {
      title: 'Dashboard',
      welcome: 'Welcome, {name}',
      welcomeNoName: 'Welcome',
      intro: 'Nothing is running yet. These are the next steps to launch your loyalty program.',
      steps: {
        programs: {
          title: 'Create a loyalty program',
          body: 'Decide how members earn and spend points. Results appear on this dashboard once purchases come in.',
          action: 'Open programs',
        },
        members: {
          title: 'Look at your members',
          body: 'Members join through the portal or arrive from your systems over the API.',
          action: 'Open members',
        },
        apiKeys: {
          title: 'Connect your store',
          body: 'Create an API key so that your POS or storefront can send purchases.',
          action: 'Create an API key',
        },
        team: {
          title: 'Invite your team',
          body: 'Give marketers, moderators, analysts and support their own sign-in.',
          action: 'Add staff users',
        },
        campaigns: {
          title: 'Plan a campaign',
          body: 'Campaigns reward what members do. Draw the first one once a program exists.',
          action: 'Open campaigns',
        },
        community: {
          title: 'Prepare the community',
          body: 'The forum is where members talk. Moderation tools appear once it is switched on.',
          action: 'Open community',
        },
      },
    },
    members: {
      title: 'Members',
      searchLabel: 'Search members',
      searchPlaceholder: 'Name, email or customer id',
      columns: {
        name: 'Name',
        email: 'Email',
        externalId: 'Customer id',
        status: 'Status',
        joined: 'Joined',
      },
      status: {
        ACTIVE: 'Active',
        SUSPENDED: 'Suspended',
        ANONYMISED: 'Anonymised',
      },
      noName: 'No name',
      empty: 'No members yet. They appear when people sign up in the portal or your systems send them over the API.',
      emptySearch: 'No members match “{search}”.',
      shown: '{count} shown',
    },
    settings: {
      title: 'Settings',
      tabs: {
        apiKeys: 'API keys',
        staff: 'Staff users',
      },
      apiKeys: {
        intro: 'API keys let your POS, storefront or partner servers call the Patron API. Give each system its own key with only the scopes it needs.',
        createTitle: 'New API key',
        name: 'Key name',
        nameHint: 'Where it is used, e.g. “Online store”.',
        scopes: 'Scopes',
        scopesHint: 'What the key may do.',
        submit: 'Create key',
        created: 'API key “{name}” created',
        secretLabel: 'Secret key',
        secretWarning: 'Copy this key now and store it safely. It will not be shown again: if it is lost, revoke it and create a new one.',
        secretDone: 'I have copied it',
        listTitle: 'Keys',
        empty: 'No API keys yet.',
        columns: {
          name: 'Name',
          prefix: 'Starts with',
          scopes: 'Scopes',
          created: 'Created',
          lastUsed: 'Last used',
          status: 'Status',
          actions: 'Actions',
        },
        active: 'Active',
        revoked: 'Revoked',
        revoke: 'Revoke',
        revokeTitle: 'Revoke “{name}”?',
        revokeBody: 'Systems that use this key stop working at once. This cannot be undone.',
        revokeConfirm: 'Revoke key',
        revokedMessage: 'API key “{name}” revoked.',
        scopeNames: {
          MEMBERS_READ: 'Read members',
          MEMBERS_WRITE: 'Create and update members',
          PURCHASES_WRITE: 'Send purchases',
          POINTS_REDEEM: 'Redeem points',
          POINTS_ADJUST: 'Adjust points',
          EVENTS_WRITE: 'Send events',
          REWARDS_READ: 'Read rewards',
          COMMUNITY_READ: 'Read the community',
        },
      },
      staff: {
        intro: 'Everyone who runs the program signs in with their own account. The role decides which sections they see.',
        createTitle: 'New staff user',
        role: 'Role',
        passwordHint: 'At least 10 characters. Share it privately; they can sign in right away.',
        submit: 'Add staff user',
        created: '{email} can now sign in.',
        conflict: 'A staff user with this email already exists.',
        listTitle: 'Staff users',
        columns: {
          name: 'Name',
          email: 'Email',
          role: 'Role',
          lastSignIn: 'Last sign-in',
          status: 'Status',
        },
        active: 'Active',
        disabled: 'Disabled',
      },
    },
  },
  campaigns,
  dashboard,
  flowEditor,
  segments,
  surveys,
  templates,
  rewards,
  partners,
  imports,
  moderation,
  programs,
  engagement,
  webhooks,
  memberProfile,
};

export type ConsoleMessages = typeof consoleEn;
export default consoleEn;
