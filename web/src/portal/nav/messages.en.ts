// The portal navigation's English labels (en.ts puts them under `portal.nav`), one per section in sections.ts.
export default {
  label: 'Sections',
  home: 'Wallet',
  rewards: 'Rewards',
  history: 'History',
  referrals: 'Friends',
  surveys: 'Surveys',
  offers: 'Offers',
  challenges: 'Challenges',
  club: 'Club',
  community: 'Community',
  profile: 'Profile',
};
