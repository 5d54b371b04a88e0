import { t } from '@patron/schema/flow';
import { createProgram, POINT_PER_ROUBLE, type ProgramTemplate } from '../template';

/** A coalition: one program, points earned and spent at partners, settled at fixed rates. */
export const partnerCoalitionTemplate: ProgramTemplate = {
  code: 'partner-coalition',
  name: t('Коалиция партнёров', 'Partner coalition'),
  description: t(
    'Общие баллы у бренда и партнёров (кафе, фитнес): балл за рубль везде. Партнёр платит 1 ₽ за каждый начисленный им балл, коалиция возмещает 0,90 ₽ за балл, списанный у партнёра. Ключи API партнёрам выдаёт администратор.',
    'Shared points at the brand and its partners (a café, a gym): a point per rouble everywhere. A partner pays 1 ₽ for each point it issues; the coalition pays 0.90 ₽ for each point redeemed at the partner. An admin gives partners their API keys.',
  ),
  requires: [],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, { ...POINT_PER_ROUBLE });
    const rates = { issueRateMinor: 100, redeemRateMinor: 90, ratePoints: 1 };
    await services.partners.create(em, { programId: program.id, code: 'cafe', name: ru ? 'Кафе-партнёр' : 'Partner café', kind: 'cafe', ...rates });
    await services.partners.create(em, { programId: program.id, code: 'gym', name: ru ? 'Фитнес-партнёр' : 'Partner gym', kind: 'gym', ...rates });
    return program;
  },
};
