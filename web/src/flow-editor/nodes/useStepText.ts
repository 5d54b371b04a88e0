import { useI18n } from 'vue-i18n';
import { nodeDefinition, type Effect, type FlowLocale, type ParamUi } from '@patron/schema/flow';

/** Money in the reader's language from minor units: 150000 → "1 500 ₽". */
export function formatMoney(minor: number, locale: string, currency = 'RUB'): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}

/** What a simulated node saw and did, in words for the canvas and the simulation panel. */
export function useStepText() {
  const { t, te, locale } = useI18n();
  // Values the runtime reports that are not parameters (what the node saw).
  const seen = (key: string) => (te(`flowEditor.inputs.${key}`) ? t(`flowEditor.inputs.${key}` as 'flowEditor.inputs.totalMinor') : key);

  function value(key: string, v: unknown, ui?: ParamUi): string {
    const lang = locale.value as FlowLocale;
    if (typeof v === 'number' && (ui?.widget === 'money' || /Minor$/.test(key))) return formatMoney(v, locale.value);
    if (typeof v === 'string' && ui?.options?.[v]) return ui.options[v][lang];
    if (typeof v === 'number') return new Intl.NumberFormat(locale.value).format(v);
    if (v === null || v === undefined) return '—';
    if (typeof v === 'string' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  /** A node's inputs with the parameter's own label and units where the catalog has them. */
  function inputsText(inputs: Record<string, unknown>, kind?: string): { key: string; value: string }[] {
    const ui = (kind ? nodeDefinition(kind)?.ui : undefined) as Record<string, ParamUi | undefined> | undefined;
    return Object.entries(inputs).map(([key, v]) => ({ key: ui?.[key]?.label[locale.value as FlowLocale] ?? seen(key), value: value(key, v, ui?.[key]) }));
  }

  function effectText(effect: Effect): string {
    switch (effect.type) {
      case 'awardPoints':
        return t('flowEditor.effects.awardPoints', { points: value('points', effect.points) });
      case 'cashback':
        return t('flowEditor.effects.cashback', { amount: formatMoney(effect.amountMinor, locale.value) });
      case 'discount':
        return t('flowEditor.effects.discount', { percent: effect.percent });
      case 'wait':
        return t('flowEditor.effects.wait', { minutes: effect.minutes });
      default: {
        const { type, nodeId: _node, variants: _v, caps: _c, ...rest } = effect as Effect & Record<string, unknown>;
        return `${t(`flowEditor.effects.${type}` as 'flowEditor.effects.other')}: ${Object.values(rest).filter((v) => v !== null).join(', ')}`;
      }
    }
  }

  return { inputsText, effectText };
}
