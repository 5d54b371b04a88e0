import type { FlowEvent } from '@patron/schema/flow';
import type { Config } from './config';
import { AuthService } from './auth/auth.service';
import { PasswordResetService } from './auth/password-reset.service';
import type { RateLimiter } from './auth/rate-limiter';
import { CheckoutService } from './ledger/checkout.service';
import { LedgerService } from './ledger/ledger.service';
import { MaintenanceService } from './ledger/maintenance.service';
import { MembersService } from './members/members.service';
import { ProgramsService } from './programs/programs.service';
import { TiersService } from './programs/tiers.service';
import { PurchasesService } from './purchases/purchases.service';
import { CampaignsService } from './campaigns/campaigns.service';
import { RulesService } from './rules/rules.service';
import { EventsService } from './rules/events.service';
import { ScheduledTriggersService } from './rules/scheduled-triggers.service';
import { ExperimentsService } from './experiments/experiments.service';
import { SegmentsService } from './segments/segments.service';
import { AnalyticsService } from './analytics/analytics.service';
import { FeedbackService } from './feedback/feedback.service';
import { AuditService } from './audit/audit.service';
import { PrivacyService } from './privacy/privacy.service';
import { registerEngagementData } from './privacy/engagement-data';
import { ImportsService } from './imports/imports.service';
import { ReferralsService } from './referrals/referrals.service';
import { RewardsService } from './rewards/rewards.service';
import { ClubsService } from './clubs/clubs.service';
import { createGamification, type Gamification } from './gamification/gamification';
import { PartnersService } from './partners/partners.service';
import { OffersService } from './offers/offers.service';
import { OfferPurchases } from './offers/offer-purchases';
import { Dispatcher } from './notifications/dispatch';
import { NotificationsService } from './notifications/notifications.service';
import { WebhooksService } from './notifications/webhooks.service';
import { createCommunity, type Community } from './community/community';
import { createLiveEvents, type LiveEvents } from './live/live-events';

// Outside production a missing SESSION_SECRET falls back to this, so that sessions
// survive a restart of `npm start`; production refuses to start without a real one.
const DEVELOPMENT_SESSION_SECRET = 'patron-development-session-secret-not-for-production';

/** One instance of each domain service for the process; resolvers reach them through the context. */
export interface Services {
  auth: AuthService;
  passwordResets: PasswordResetService;
  members: MembersService;
  programs: ProgramsService;
  tiers: TiersService;
  ledger: LedgerService;
  purchases: PurchasesService;
  checkout: CheckoutService;
  maintenance: MaintenanceService;
  campaigns: CampaignsService;
  rules: RulesService;
  events: EventsService;
  scheduledTriggers: ScheduledTriggersService;
  experiments: ExperimentsService;
  segments: SegmentsService;
  analytics: AnalyticsService;
  feedback: FeedbackService;
  audit: AuditService;
  privacy: PrivacyService;
  imports: ImportsService;
  referrals: ReferralsService;
  rewards: RewardsService;
  clubs: ClubsService;
  gamification: Gamification;
  partners: PartnersService;
  offers: OffersService;
  notifications: NotificationsService;
  webhooks: WebhooksService;
  community: Community;
  live: LiveEvents;
  graphqlLimits: { depth: number; complexity: number; breadth: number };
}

/** `live` carries subscriptions' events: in memory by default, across instances through Redis (see app.ts). */
export function createServices(config: Config, rateLimiter: RateLimiter, live: LiveEvents = createLiveEvents()): Services {
  const members = new MembersService();
  const programs = new ProgramsService();
  const tiers = new TiersService();
  const ledger = new LedgerService(programs);
  // Purchases and redemptions that arrive together are written together (db/write-groups.ts), a third of the pool at most.
  const writeGroups = config.WRITE_GROUPS ? { slots: Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 3)), most: 32 } : null;
  const segments = new SegmentsService(programs);
  const campaigns = new CampaignsService(programs, segments);
  const rules = new RulesService(campaigns, programs, ledger, tiers, segments);
  const referrals = new ReferralsService(programs, rules, config.PUBLIC_URL ?? null);
  rules.listen(referrals.onEvent, referrals.probe);
  campaigns.enableDomain('referrals');
  const rewards = new RewardsService(members, programs, ledger);
  rules.handleEffect('issueReward', (em, run, effect) => rewards.redeem.issueFromCampaign(em, run, effect.reward));
  campaigns.enableDomain('rewards');
  campaigns.referTo('reward', (em, programId) => rewards.codes(em, programId));
  const clubs = new ClubsService(programs);
  campaigns.enableDomain('clubs');
  campaigns.referTo('club', (em, programId) => clubs.planCodes(em, programId));
  rules.provideFact('clubs', (em, program, memberId) => clubs.codesFor(em, program.id, memberId));
  const offers = new OffersService(programs, segments);
  const offerPurchases = new OfferPurchases(offers, ledger);
  campaigns.enableDomain('offers');
  campaigns.referTo('offer', (em, programId) => offers.grantableCodes(em, programId));
  // A grant on the member's birthday (not the join anniversary the same trigger also fires for) is their birthday gift.
  const occasionOf = (event: FlowEvent) => (event.type === 'birthday' && event.data?.occasion !== 'joinAnniversary' ? ('birthday' as const) : null);
  rules.handleEffect('grantOffer', async (em, run, effect) => ((await offers.grant(em, run.program.id, run.memberId, effect.offer, run.now, occasionOf(run.event))) ? 0 : false));
  rules.listen(async (em, program, memberId, event, _outcomes, { purchaseId, now }) => {
    if (event.type === 'purchase' && purchaseId) await offerPurchases.apply(em, program, memberId, event, purchaseId, now);
  }, OfferPurchases.probe);
  const dispatcher = new Dispatcher({ maxAttempts: config.NOTIFY_MAX_ATTEMPTS, retryBaseMs: config.NOTIFY_RETRY_BASE_MS, staleMs: 4 * config.WEBHOOK_TIMEOUT_MS + 30_000 });
  const webhooks = new WebhooksService({ production: config.NODE_ENV === 'production', allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE, timeoutMs: config.WEBHOOK_TIMEOUT_MS }, dispatcher);
  const notifications = new NotificationsService({ smtpUrl: config.SMTP_URL, mailFrom: config.MAIL_FROM, timeoutMs: config.WEBHOOK_TIMEOUT_MS }, dispatcher, webhooks);
  rules.handleEffect('notify', (em, run, effect) => notifications.onNotify(em, run, effect));
  rules.listen((em, program, memberId, event, _outcomes, options) => webhooks.onEvent(em, program, memberId, event, options.now), WebhooksService.probe);
  campaigns.enableDomain('notifications');
  const privacy = new PrivacyService(members);
  registerEngagementData(privacy);
  const community = createCommunity(programs, rules, campaigns, privacy, live);
  const auth = new AuthService(
    {
      staffSessionHours: config.STAFF_SESSION_HOURS,
      memberSessionHours: config.MEMBER_SESSION_HOURS,
      signInRateLimit: config.SIGNIN_RATE_LIMIT,
      signInRateWindowSeconds: config.SIGNIN_RATE_WINDOW_SECONDS,
      sessionSecret: config.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    },
    rateLimiter,
    members,
  );
  const passwordResets = new PasswordResetService(
    {
      tokenMinutes: 60,
      signInRateLimit: config.SIGNIN_RATE_LIMIT,
      signInRateWindowSeconds: config.SIGNIN_RATE_WINDOW_SECONDS,
      sessionSecret: config.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    },
    rateLimiter,
    notifications,
    (em, memberId, client) => auth.issueMemberSession(em, memberId, client),
  );
  return {
    auth,
    passwordResets,
    members,
    programs,
    tiers,
    ledger,
    purchases: new PurchasesService(programs, ledger, tiers, rules, writeGroups),
    campaigns,
    rules,
    events: new EventsService(members, programs, rules),
    scheduledTriggers: new ScheduledTriggersService(campaigns, programs, rules),
    experiments: new ExperimentsService(campaigns, programs),
    segments,
    analytics: new AnalyticsService(programs),
    feedback: new FeedbackService(programs, rules),
    audit: new AuditService(),
    privacy,
    imports: new ImportsService(members, programs, ledger, tiers),
    referrals,
    rewards,
    clubs,
    gamification: createGamification(programs, rules, campaigns),
    partners: new PartnersService(programs),
    offers,
    notifications,
    webhooks,
    community,
    live,
    checkout: new CheckoutService(members, programs, ledger, writeGroups),
    maintenance: new MaintenanceService(ledger, programs, tiers, rules),
    graphqlLimits: { depth: config.GRAPHQL_MAX_DEPTH, complexity: config.GRAPHQL_MAX_COMPLEXITY, breadth: 500 },
  };
}
