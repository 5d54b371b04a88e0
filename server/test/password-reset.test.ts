import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberPasswordReset } from '../src/auth/member-password-reset.entity';
import { MessageDelivery } from '../src/notifications/message-delivery.entity';
import { createTestApp, type TestApp } from './harness';
import { drain, startSmtp } from './smtp-harness';

// Issue #9: "forgot password" for members, mailed through a real (local) SMTP server.
const SIGN_UP = `mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { __typename ... on MemberSession { token member { id } } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename ... on MemberSession { token } ... on Error { code } } }`;
const REQUEST = `mutation($input: RequestMemberPasswordResetInput!) {
  requestMemberPasswordReset(input: $input) {
    __typename
    ... on PasswordResetRequested { accepted }
    ... on RateLimitedError { retryAfterSeconds }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const RESET = `mutation($input: ResetMemberPasswordInput!) {
  resetMemberPassword(input: $input) {
    __typename
    ... on MemberSession { token member { id email } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const VIEWER = `{ viewer { __typename ... on Member { id } } }`;

describe('member password reset', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let seq = 0;

  const signUp = async (locale = 'en') => {
    const email = `reset-${process.pid}-${++seq}@example.com`;
    const res = await t.gql(SIGN_UP, { input: { email, password: 'old-password-1', name: `Reset ${seq}`, locale } });
    expect(res.body.data.memberSignUp.__typename).toBe('MemberSession');
    return { email, token: res.body.data.memberSignUp.token as string, id: res.body.data.memberSignUp.member.id as string };
  };
  const request = (email: string, ip = '198.51.100.7') => t.gql(REQUEST, { input: { email } }, { headers: { 'x-forwarded-for': ip } });
  const mailsTo = (email: string) => smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text === email));
  /** Asks for a link and reads the token from the mail the SMTP server received. */
  const tokenFor = async (email: string) => {
    const before = mailsTo(email).length;
    expect((await request(email)).body.data.requestMemberPasswordReset).toEqual({ __typename: 'PasswordResetRequested', accepted: true });
    await drain(t);
    const mails = mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    const link = /https?:\/\/\S+\/reset\?token=(\S+)/.exec(mails.at(-1)!.text ?? '');
    expect(link).not.toBeNull();
    return decodeURIComponent(link![1]);
  };
  const signIn = (email: string, password: string) => t.gql(SIGN_IN, { input: { email, password } });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, MAIL_FROM: 'Brand <shop@example.com>', PUBLIC_URL: 'https://loyalty.example.com', NOTIFY_RETRY_BASE_MS: '1', TRUST_PROXY: 'true', SIGNIN_RATE_LIMIT: '4' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails a link in the member’s language; the new password works, the old one and every old session do not', async () => {
    const member = await signUp('ru');
    const second = (await signIn(member.email, 'old-password-1')).body.data.memberSignIn.token as string;
    const token = await tokenFor(member.email);
    const mail = mailsTo(member.email).at(-1)!;
    expect(mail.subject).toBe('Сброс пароля');
    expect(mail.text).toContain('https://loyalty.example.com/reset?token=pwr_');
    // Only a keyed hash of the token is stored.
    const rows = await t.app.dataSource.manager.find(MemberPasswordReset, {});
    expect(rows.some((r) => r.tokenHash.includes(token) || token.includes(r.tokenHash))).toBe(false);
    expect(rows.at(-1)!.expiresAt.getTime() - rows.at(-1)!.createdAt.getTime()).toBe(3_600_000);

    const reset = await t.gql(RESET, { input: { token, newPassword: 'new-password-2' } });
    expect(reset.body.data.resetMemberPassword).toMatchObject({ __typename: 'MemberSession', member: { id: member.id, email: member.email } });
    expect(reset.headers.get('set-cookie')).toContain('HttpOnly');
    const fresh = reset.body.data.resetMemberPassword.token as string;
    expect((await t.gql(VIEWER, {}, { token: fresh })).body.data.viewer).toEqual({ __typename: 'Member', id: member.id });
    for (const old of [member.token, second]) {
      const res = await t.gql(VIEWER, {}, { token: old });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await signIn(member.email, 'old-password-1')).body.data.memberSignIn.__typename).toBe('InvalidCredentialsError');
    expect((await signIn(member.email, 'new-password-2')).body.data.memberSignIn.__typename).toBe('MemberSession');
  });

  it('refuses a token used once already, and an older link once a newer one was sent', async () => {
    const member = await signUp();
    const first = await tokenFor(member.email);
    const second = await tokenFor(member.email);
    const stale = await t.gql(RESET, { input: { token: first, newPassword: 'another-password' } });
    expect(stale.body.data.resetMemberPassword).toMatchObject({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
    expect((await t.gql(RESET, { input: { token: second, newPassword: 'another-password' } })).body.data.resetMemberPassword.__typename).toBe('MemberSession');
    const again = await t.gql(RESET, { input: { token: second, newPassword: 'third-password' } });
    expect(again.body.data.resetMemberPassword.__typename).toBe('InvalidResetTokenError');
    expect((await signIn(member.email, 'third-password')).body.data.memberSignIn.__typename).toBe('InvalidCredentialsError');
    expect((await signIn(member.email, 'another-password')).body.data.memberSignIn.__typename).toBe('MemberSession');
  });

  it('lets two resets race with one token and lets only one of them through', async () => {
    const member = await signUp();
    const token = await tokenFor(member.email);
    const results = await Promise.all(['race-password-a', 'race-password-b'].map((newPassword) => t.gql(RESET, { input: { token, newPassword } })));
    expect(results.map((r) => r.body.data.resetMemberPassword.__typename).sort()).toEqual(['InvalidResetTokenError', 'MemberSession']);
  });

  it('refuses an expired token and leaves the password as it was', async () => {
    const member = await signUp();
    const token = await tokenFor(member.email);
    await t.app.dataSource.manager.update(MemberPasswordReset, { memberId: Number(Buffer.from(member.id, 'base64').toString().split(':')[1]) }, { expiresAt: new Date(Date.now() - 1000) });
    const res = await t.gql(RESET, { input: { token, newPassword: 'late-password-1' } });
    expect(res.body.data.resetMemberPassword.__typename).toBe('InvalidResetTokenError');
    expect((await signIn(member.email, 'old-password-1')).body.data.memberSignIn.__typename).toBe('MemberSession');
  });

  it('answers an unknown email exactly as a known one, and mails nobody', async () => {
    const deliveries = await t.app.dataSource.manager.count(MessageDelivery);
    const sent = smtp.received.length;
    const unknown = await request(`nobody-${process.pid}@example.com`, '198.51.100.20');
    const known = await request((await signUp()).email, '198.51.100.21');
    expect(unknown.body).toEqual(known.body);
    expect(unknown.status).toBe(known.status);
    await drain(t);
    expect(smtp.received.length).toBe(sent + 1);
    expect(await t.app.dataSource.manager.count(MessageDelivery)).toBe(deliveries + 1);
  });

  it('gives typed errors for a short password, a made-up token and a malformed email', async () => {
    const member = await signUp();
    const token = await tokenFor(member.email);
    const short = await t.gql(RESET, { input: { token, newPassword: 'short' } });
    expect(short.body.data.resetMemberPassword.__typename).toBe('ValidationError');
    expect(short.body.data.resetMemberPassword.fieldErrors).toEqual([{ path: ['input', 'newPassword'], message: 'must be at least 8 characters' }]);
    // The short attempt did not spend the link.
    expect((await t.gql(RESET, { input: { token, newPassword: 'long-enough-1' } })).body.data.resetMemberPassword.__typename).toBe('MemberSession');
    const forged = await t.gql(RESET, { input: { token: 'pwr_made-up', newPassword: 'long-enough-2' } });
    expect(forged.body.data.resetMemberPassword.__typename).toBe('InvalidResetTokenError');
    const badEmail = await request('not an email', '198.51.100.30');
    expect(badEmail.body.data.requestMemberPasswordReset.fieldErrors[0].path).toEqual(['input', 'email']);
  });

  it('limits requests per email like sign-in, whether or not the email is a member’s', async () => {
    for (const email of [(await signUp()).email, `ghost-${process.pid}@example.com`]) {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push((await request(email, '198.51.100.40')).body.data.requestMemberPasswordReset.__typename);
      expect(answers).toEqual(['PasswordResetRequested', 'PasswordResetRequested', 'PasswordResetRequested', 'PasswordResetRequested', 'RateLimitedError']);
      // From another address too: the mailbox is what is protected.
      expect((await request(email, '198.51.100.41')).body.data.requestMemberPasswordReset.__typename).toBe('RateLimitedError');
    }
  });

  it('does not reset a deleted account with a link sent before', async () => {
    const member = await signUp();
    const token = await tokenFor(member.email);
    const deleted = await t.gql(`mutation($password: String!) { deleteMyAccount(password: $password) { __typename } }`, { password: 'old-password-1' }, { token: member.token });
    expect(deleted.body.data?.deleteMyAccount?.__typename, JSON.stringify(deleted.body)).toBeDefined();
    expect((await t.gql(RESET, { input: { token, newPassword: 'revived-password' } })).body.data.resetMemberPassword.__typename).toBe('InvalidResetTokenError');
  });
});
