// The profile's privacy block in English (`portal.privacy`), loaded with the profile page.
export default {
  title: 'Your data',
  download: 'Download my data',
  downloadHint: 'Everything we keep about you, as a JSON file.',
  downloadError: 'Your data could not be downloaded. Try again.',
  downloaded: 'The file patron-my-data.json has been saved.',
  delete: 'Delete my account',
  deleteHint: 'Your points, coupons and history will be lost. This cannot be undone.',
  confirmTitle: 'Delete your account?',
  confirmBody: 'Your points, coupons and invitations will be lost and you will be signed out everywhere. Enter your password to confirm.',
  password: 'Password',
  wrongPassword: 'Wrong password.',
  confirm: 'Delete for good',
  cancel: 'Keep my account',
};
