// English messages every page needs (the history, surveys and profile tabs bring their own, like the perks); the console's are in console.en.ts, and en.ts joins
// the two. ru.ts must have exactly the same keys (i18n.test.ts checks).
// vue-i18n treats { } @ $ | as syntax: write a literal one as {'@'}.
import home from '../portal/home/messages.en';
import portalNav from '../portal/nav/messages.en';

/** What every page needs (the portal, sign-in pages): index.ts starts with these alone. */
const coreEn = {
  app: {
    name: 'Patron',
    portalName: 'Patron Rewards',
    consoleName: 'Patron Console',
    skipToContent: 'Skip to content',
    language: 'Language',
  },
  locales: {
    ru: 'Русский',
    en: 'English',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    loadMore: 'Load more',
    signOut: 'Sign out',
    cancel: 'Cancel',
    close: 'Close',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy. Select the text and copy it by hand.',
    never: 'Never',
    networkError: 'The server could not be reached. Check your connection and try again.',
    unexpectedError: 'Something went wrong on our side. Try again in a moment.',
    badRequest: 'This address or request is not valid: it may be mistyped, or the link is broken.',
    checkFields: 'Check the highlighted fields.',
    rateLimited: 'Too many attempts. Try again in {seconds} s.',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The address may be mistyped, or the page has moved.',
    backHome: 'Go to the start page',
  },
  fields: {
    name: 'Name',
    email: 'Email',
    password: 'Password',
  },
  validation: {
    email: 'Enter a valid email address.',
    minLength: 'Must be at least {count} characters.',
    maxLength: 'Must be at most {count} characters.',
    required: 'Required.',
    scopes: 'Choose at least one scope.',
  },
  portal: {
    signIn: {
      title: 'Sign in',
      subtitle: 'Welcome back. Sign in to see your rewards.',
      submit: 'Sign in',
      invalidCredentials: 'Wrong email or password.',
      noAccount: 'New here?',
      toSignUp: 'Create an account',
      accountDeleted: 'Your account has been deleted. Thank you for being with us.',
      forgot: 'Forgot your password?',
    },
    signUp: {
      title: 'Create an account',
      subtitle: 'Join the loyalty program. It takes a minute.',
      submit: 'Create account',
      nameHint: 'How we should greet you.',
      passwordHint: 'At least 8 characters.',
      conflict: 'An account with this email already exists. Sign in instead.',
      haveAccount: 'Already a member?',
      toSignIn: 'Sign in',
      referralCode: 'Friend’s invitation code',
      referralHint: 'Optional. It tells us which friend invited you.',
      clearCode: 'Remove code',
      unknownCode: 'We do not know this code. Check it with your friend or remove it.',
    },
    home,
    nav: portalNav,
  },
};

export type CoreMessages = typeof coreEn;
export default coreEn;
