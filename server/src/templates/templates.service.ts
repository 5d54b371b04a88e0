import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../errors';
import { parseInput, stripUndefined } from '../input';
import type { Program } from '../programs/program.entity';
import type { Services } from '../services';
import { bonusPointsTemplate } from './catalog/bonus-points';
import { cashbackTemplate } from './catalog/cashback';
import { beautyInsiderTemplate } from './catalog/beauty-insider';
import { growingDiscountTemplate } from './catalog/growing-discount';
import { monthlyChallengeTemplate } from './catalog/monthly-challenge';
import { paidClubTemplate } from './catalog/paid-club';
import { partnerCoalitionTemplate } from './catalog/partner-coalition';
import { referralTemplate } from './catalog/referral';
import { starsTemplate } from './catalog/stars';
import { tiersWithGiftsTemplate } from './catalog/tiers-with-gifts';
import type { ProgramTemplate } from './template';

/** Every template, in the order the console offers them. */
export const PROGRAM_TEMPLATES: readonly ProgramTemplate[] = [
  bonusPointsTemplate,
  growingDiscountTemplate,
  cashbackTemplate,
  tiersWithGiftsTemplate,
  starsTemplate,
  beautyInsiderTemplate,
  paidClubTemplate,
  referralTemplate,
  monthlyChallengeTemplate,
  partnerCoalitionTemplate,
];

const applyInput = z.object({
  template: z.string().trim().min(1).max(64),
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'is required').max(200).nullable(),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code'),
  isDefault: z.boolean(),
  locale: z.enum(['ru', 'en']),
});
export type ApplyTemplateInput = Partial<z.input<typeof applyInput>> & { template: string; code: string };

/** Whether the server runs every domain the template needs. */
export function isAvailable(template: ProgramTemplate, services: Services): boolean {
  const domains = new Set(services.campaigns.availableDomains());
  return template.requires.every((d) => domains.has(d));
}

/** Creates a program from a template, in the caller's transaction: all of it or nothing. */
export async function applyTemplate(em: EntityManager, services: Services, raw: ApplyTemplateInput): Promise<Program> {
  const input = parseInput(applyInput, { name: null, currency: 'RUB', isDefault: false, locale: 'ru', ...stripUndefined(raw) }, ['input']);
  const template = PROGRAM_TEMPLATES.find((t) => t.code === input.template);
  if (!template || !isAvailable(template, services)) throw new NotFoundError('ProgramTemplate', input.template);
  return template.apply(em, services, { code: input.code, name: input.name ?? template.name[input.locale], currency: input.currency.toUpperCase(), isDefault: input.isDefault, locale: input.locale });
}
