// The history's English messages (en.ts puts them under `portal.history`); messages.ru.ts has the same keys.
export default {
  title: 'History',
  intro: 'Every change to your points, newest first.',
  loadError: 'Your history could not be loaded.',
  emptyTitle: 'No history yet',
  emptyBody: 'Points you earn and spend will be listed here.',
  loadMore: 'Show earlier',
  entry: {
    purchase: 'Purchase',
    campaign: 'Campaign «{name}»',
    campaignNoName: 'Campaign bonus',
    expired: 'Expired',
    released: 'Became available',
    refund: 'Refund',
    redeemed: 'Redeemed',
    reward: 'Reward',
    adjusted: 'Correction',
    imported: 'Transferred',
    other: 'Points change',
  },
  releasedNote: '{points} now available to spend',
};
