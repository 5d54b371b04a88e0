import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Effect } from '@patron/schema/flow';
import type { PageRequest } from '../db/keyset-page';
import { keysetPage } from '../db/keyset-page';
import { NotFoundError, ValidationError, validationErrorFromZod } from '../errors';
import type { JobHandler } from '../jobs/job-queue';
import { LoyaltyAccount } from '../ledger/account.entity';
import { Member } from '../members/member.entity';
import { Tier } from '../programs/tier.entity';
import type { RunContext } from '../rules/rules.service';
import type { Channel, Dispatcher } from './dispatch';
import { Mailer } from './mailer';
import { MessageDelivery, type MessageStatus } from './message-delivery.entity';
import { MessageTemplate, TEMPLATE_LOCALES, type TemplateLocale } from './message-template.entity';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, localeChain, oneLine, render, type TemplateText, type TemplateVars } from './templates';
import type { WebhooksService } from './webhooks.service';

export interface NotificationsOptions {
  smtpUrl?: string;
  mailFrom: string;
  timeoutMs: number;
}

/** A template as the console shows it: stored, or the built-in default until someone edits it. */
export interface TemplateView extends TemplateText {
  code: string;
  locale: TemplateLocale;
  /** The text differs from the built-in one (or there is none). */
  custom: boolean;
  updatedAt: Date | null;
}

const templateInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lowercase letters, digits, - and _ (up to 64)'),
  locale: z.enum(TEMPLATE_LOCALES),
  subject: z.string().trim().min(1, 'is required').max(200),
  body: z.string().min(1, 'is required').max(20_000),
  marketing: z.boolean(),
});
const knownPlaceholder = (text: string) => [...text.matchAll(/\{\{\s*([a-zA-Z]*)\s*\}\}/g)].map((m) => m[1]).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));

export interface QueueEmail {
  memberId: number;
  template: string;
  programId?: number | null;
  /** Extra values for the placeholders (reward…); name, email, points and tier are filled in. */
  vars?: TemplateVars;
  /** Another address than the member's contact email (a password reset goes to the sign-in address). */
  recipient?: string;
}

/** Email to members from editable templates, sent by the durable queue and logged per delivery. */
export class NotificationsService {
  private readonly mailer: Mailer | null;
  readonly emailChannel: Channel<MessageDelivery>;

  constructor(
    options: NotificationsOptions,
    private readonly dispatcher: Dispatcher,
    private readonly webhooks: WebhooksService,
  ) {
    this.mailer = options.smtpUrl ? new Mailer({ smtpUrl: options.smtpUrl, from: options.mailFrom, timeoutMs: options.timeoutMs }) : null;
    this.emailChannel = {
      entity: MessageDelivery,
      jobName: 'notify.email',
      success: 'sent',
      send: async (row) => (this.mailer ? this.mailer.send(row.recipient, row.subject, row.body, row.locale) : { ok: false, error: 'no SMTP configured' }),
    };
  }

  get handlers(): Record<string, JobHandler> {
    return { 'notify.email': async (em, payload) => this.dispatcher.start(em.connection, this.emailChannel, Number(payload.id)) };
  }

  /** Every code × locale: the stored template, or the built-in one. */
  async templates(em: EntityManager): Promise<TemplateView[]> {
    const stored = await em.find(MessageTemplate, { order: { code: 'ASC', locale: 'ASC' } });
    const views = new Map<string, TemplateView>();
    for (const [code, byLocale] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const locale of TEMPLATE_LOCALES) views.set(`${code}/${locale}`, { code, locale, ...byLocale[locale], custom: false, updatedAt: null });
    }
    for (const t of stored) {
      const builtIn = DEFAULT_TEMPLATES[t.code]?.[t.locale];
      const custom = !builtIn || builtIn.subject !== t.subject || builtIn.body !== t.body || builtIn.marketing !== t.marketing;
      views.set(`${t.code}/${t.locale}`, { code: t.code, locale: t.locale, subject: t.subject, body: t.body, marketing: t.marketing, custom, updatedAt: t.updatedAt });
    }
    return [...views.values()].sort((a, b) => a.code.localeCompare(b.code) || a.locale.localeCompare(b.locale));
  }

  async updateTemplate(em: EntityManager, input: unknown, now = new Date()): Promise<TemplateView> {
    const parsed = templateInput.safeParse(input);
    if (!parsed.success) throw validationErrorFromZod(parsed.error.issues, ['input']);
    const value = parsed.data;
    for (const field of ['subject', 'body'] as const) {
      const unknown = knownPlaceholder(value[field]);
      if (unknown.length) throw ValidationError.of(['input', field], `unknown placeholder {{${unknown[0]}}}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
    }
    const existing = await em.findOne(MessageTemplate, { where: { code: value.code, locale: value.locale } });
    const row = existing ?? em.create(MessageTemplate, { code: value.code, locale: value.locale });
    Object.assign(row, { subject: value.subject, body: value.body, marketing: value.marketing, updatedAt: now });
    await em.save(row);
    const builtIn = DEFAULT_TEMPLATES[value.code]?.[value.locale];
    return { ...value, custom: !builtIn || builtIn.subject !== value.subject || builtIn.body !== value.body || builtIn.marketing !== value.marketing, updatedAt: now };
  }

  /** Writes the template seeds (the built-in texts) where no one has written one. */
  async seedDefaults(em: EntityManager, now = new Date()): Promise<number> {
    const stored = new Set((await em.find(MessageTemplate)).map((t) => `${t.code}/${t.locale}`));
    const rows = Object.entries(DEFAULT_TEMPLATES).flatMap(([code, byLocale]) => TEMPLATE_LOCALES.filter((l) => !stored.has(`${code}/${l}`)).map((locale) => ({ code, locale, ...byLocale[locale], updatedAt: now })));
    if (rows.length) await em.insert(MessageTemplate, rows);
    return rows.length;
  }

  private async resolveTemplate(em: EntityManager, code: string, memberLocale: string): Promise<(TemplateText & { locale: TemplateLocale }) | null> {
    const chain = localeChain(memberLocale);
    const stored = await em.find(MessageTemplate, { where: { code, locale: In(chain) } });
    for (const locale of chain) {
      const row = stored.find((t) => t.locale === locale);
      if (row) return { subject: row.subject, body: row.body, marketing: row.marketing, locale };
      const builtIn = DEFAULT_TEMPLATES[code]?.[locale];
      if (builtIn) return { ...builtIn, locale };
    }
    return null;
  }

  /**
   * Renders a template for a member and queues it, in the caller's transaction. Whatever
   * stops it (no address, no consent for marketing, no SMTP) is recorded as skipped.
   */
  async queueEmail(em: EntityManager, request: QueueEmail, now = new Date()): Promise<MessageDelivery> {
    const member = await em.findOne(Member, { where: { id: request.memberId } });
    if (!member) throw new NotFoundError('Member', String(request.memberId));
    const template = await this.resolveTemplate(em, request.template, member.locale);
    const recipient = request.recipient ?? member.email;
    const vars: TemplateVars = { name: member.name, email: member.email, ...(await this.memberVars(em, member.id, request.programId ?? null)), ...request.vars };
    const delivery = em.create(MessageDelivery, {
      templateCode: request.template.slice(0, 64),
      locale: template?.locale ?? 'en',
      memberId: member.id,
      recipient: recipient ?? '',
      subject: template ? oneLine(render(template.subject, vars)).slice(0, 200) : '',
      body: template ? render(template.body, vars) : '',
      marketing: template?.marketing ?? false,
      createdAt: now,
    });
    const skip = !template
      ? 'skipped: unknown template'
      : member.status !== 'active'
        ? 'skipped: member is not active'
        : !recipient
          ? 'skipped: member has no email'
          : template.marketing && !member.consentEmail
            ? 'skipped: no email consent'
            : !this.mailer
              ? 'skipped: no SMTP configured'
              : null;
    if (skip) Object.assign(delivery, { status: 'skipped', lastError: skip });
    await em.save(delivery);
    if (!skip) await this.dispatcher.enqueue(em, 'notify.email', delivery.id, now);
    return delivery;
  }

  /** Points and tier of the member in the program the flow ran in (or their only account). */
  private async memberVars(em: EntityManager, memberId: number, programId: number | null): Promise<TemplateVars> {
    const account = await em.findOne(LoyaltyAccount, { where: programId ? { memberId, programId } : { memberId }, order: { id: 'ASC' } });
    if (!account) return { points: 0, tier: '' };
    const tier = account.tierId ? await em.findOne(Tier, { where: { id: account.tierId } }) : null;
    return { points: account.available, tier: tier?.name ?? '' };
  }

  /** The flow's notify action: an email to the member, or a POST to the node's URL; 'notify' subscribers hear of both. */
  async onNotify(em: EntityManager, run: RunContext, effect: Extract<Effect, { type: 'notify' }>): Promise<number> {
    const data = { campaignId: run.campaign.id, campaignVersion: run.version, channel: effect.channel, template: effect.template, memberId: String(run.memberId), programCode: run.program.code };
    if (effect.channel === 'email') {
      const delivery = await this.queueEmail(em, { memberId: run.memberId, template: effect.template, programId: run.program.id }, run.now);
      Object.assign(data, { emailStatus: delivery.status });
    } else if (effect.url) {
      await this.webhooks.postFromFlow(em, effect.url, data, run.now);
    }
    await this.webhooks.emit(em, 'notify', data, run.now);
    return 0;
  }

  deliveries(em: EntityManager, page: PageRequest, filter: { status?: MessageStatus | null; memberId?: number | null; template?: string | null }): Promise<MessageDelivery[]> {
    return keysetPage(em, MessageDelivery, page, (qb, alias) => {
      if (filter.status) qb.andWhere(`${alias}.status = :status`, { status: filter.status });
      if (filter.memberId) qb.andWhere(`${alias}.memberId = :memberId`, { memberId: filter.memberId });
      if (filter.template) qb.andWhere(`${alias}.templateCode = :template`, { template: filter.template });
    });
  }

  /** Resolves when the email and webhook attempts in flight in this process are done. */
  settled(): Promise<void> {
    return this.dispatcher.settled();
  }

  /** At shutdown: lets attempts in flight finish (each has its timeout), then closes the SMTP connection. */
  async stop(): Promise<void> {
    await this.dispatcher.settled();
    this.mailer?.close();
  }
}
