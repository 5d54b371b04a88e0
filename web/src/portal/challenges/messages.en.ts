// The challenges page's English messages (`portal.challenges`), loaded with the page (messages.ts).
export default {
  title: 'Challenges',
  intro: 'Reach a goal within its period to earn its badge.',
  loadError: 'Your challenges could not be loaded.',
  emptyTitle: 'No challenges right now',
  emptyBody: 'Challenges you can take part in will appear here.',
  active: 'Running now',
  progress: '{progress} of {goal}',
  progressLabel: 'Progress in “{name}”',
  done: 'Done',
  endsOn: 'Ends {date}',
  notStarted: 'Starts with your first step',
  rewardBadge: 'Badge: {name}',
  badgesTitle: 'Your badges',
  badgesEmpty: 'No badges yet. Complete a challenge to earn your first.',
  awardedOn: 'Earned {date}',
  period: {
    WEEK: 'This week',
    MONTH: 'This month',
    ROLLING: 'Rolling',
    FIXED: 'Limited time',
  },
};
