// The profile page's English messages (en.ts puts them under `portal.profile`); messages.ru.ts has the same keys.
export default {
  title: 'Profile',
  intro: 'How we reach you and what you agree to receive.',
  loadError: 'Your profile could not be loaded.',
  name: 'Name',
  email: 'Email',
  emailHint: 'You sign in with it. To change it, contact support.',
  phone: 'Phone',
  birthday: 'Birthday',
  birthdayHint: 'We may send you a gift on your birthday.',
  locale: 'Language',
  consents: 'Messages from us',
  consentEmail: 'Offers and news by email',
  consentSms: 'Offers and news by SMS',
  save: 'Save',
  saved: 'Saved.',
  session: 'Session',
};
