import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowEvent } from '../events';
import { t } from '../text';
import { oneOf, TRUE_FALSE, trueFalseLabel } from './shared';
import { shortList } from './words';

const CHANNELS = ['store', 'online', 'app', 'partner'] as const;
const CHANNEL_LABELS = { store: t('магазин', 'store'), online: t('онлайн', 'online'), app: t('приложение', 'app'), partner: t('партнёр', 'partner') };

/** Purchases carry their channel; other events may name one in their data. */
function channelOf(event: FlowEvent): string | null {
  const raw = event.purchase?.channel ?? event.data?.channel;
  return typeof raw === 'string' ? raw : null;
}

export const conditionChannel = defineNode({
  kind: 'condition.channel',
  group: 'condition',
  label: t('Канал', 'Channel'),
  help: t('Проверяет, где совершена покупка: в магазине, онлайн, в приложении или у партнёра.', 'Checks where the purchase was made: in store, online, in the app or at a partner.'),
  params: z.object({
    channels: z
      .array(z.enum(CHANNELS))
      .min(1)
      .max(CHANNELS.length)
      .refine((list) => new Set(list).size === list.length, 'each channel once')
      .default(['online']),
  }),
  ui: {
    channels: { label: t('Каналы', 'Channels'), widget: 'multiselect', options: CHANNEL_LABELS },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => `${t('Канал', 'Channel')[locale]}: ${shortList(p.channels.map((c) => CHANNEL_LABELS[c][locale]), locale, 'disjunction', 4)}`,
  run: (p, ctx) => {
    const channel = channelOf(ctx.event);
    const matched = channel !== null && (p.channels as readonly string[]).includes(channel);
    return { ports: [matched ? 'true' : 'false'], inputs: { channel, channels: p.channels } };
  },
  compileTest: (p) => {
    const listed = oneOf(p.channels);
    return (ctx) => {
      const channel = channelOf(ctx.event);
      return channel !== null && listed(channel);
    };
  },
});
