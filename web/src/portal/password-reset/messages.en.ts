// "Forgot password" pages in English (`portal.passwordReset`), loaded with the pages (messages.ts).
export default {
  forgotTitle: 'Forgot your password?',
  forgotSubtitle: 'Enter the email you sign in with. We will send you a link to choose a new password.',
  send: 'Send the link',
  sent: 'If an account uses {email}, a link is on its way. It works once, within 1 hour. No email? Check the spam folder, or send it again in a few minutes.',
  backToSignIn: 'Back to sign in',
  resetTitle: 'Choose a new password',
  resetSubtitle: 'After this, you will be signed out everywhere else.',
  newPassword: 'New password',
  repeatPassword: 'Repeat the new password',
  passwordHint: 'At least 8 characters.',
  mismatch: 'The two passwords differ.',
  save: 'Save the new password',
  invalidLink: 'This link is not valid any more: it was used already, a newer one was sent, or an hour has passed.',
  missingLink: 'This page needs the link from the email. Open it again from the email, or ask for a new one.',
  askAgain: 'Ask for a new link',
};
