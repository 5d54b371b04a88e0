// The offers page's English messages (`portal.offers`), loaded with the page (messages.ts).
export default {
  title: 'Offers',
  intro: 'Offers picked for you. Activate one before you shop, and it applies to your purchases until it ends.',
  loadError: 'Your offers could not be loaded.',
  emptyTitle: 'No offers right now',
  emptyBody: 'Personal offers and your birthday gift will appear here.',
  groups: {
    available: 'Ready to activate',
    activated: 'Active',
    used: 'Used and ended',
  },
  state: {
    AVAILABLE: 'Available',
    ACTIVATED: 'Activated',
    USED: 'Used',
    EXPIRED: 'Ended',
  },
  activate: 'Activate',
  automatic: 'Applies by itself at checkout',
  activatedOn: 'Activated on {date}',
  usedOn: 'Used on {date}',
  until: 'Until {date}',
  untilSoon: 'Ends {date} — {days} left',
  days: { one: '{n} day', few: '{n} days', many: '{n} days', other: '{n} days' },
  noEnd: 'No end date',
  uses: 'Used {uses} of {max} times',
  birthday: {
    badge: 'Birthday gift',
    title: 'Happy birthday!',
    body: 'A gift for you: {summary}.',
  },
  done: '“{title}” is active. It applies to your next purchases.',
  error: {
    ConflictError: 'This offer can no longer be activated: it has been used or has ended.',
    NotFoundError: 'This offer is no longer available to you.',
    ValidationError: 'This offer could not be activated.',
  },
};
