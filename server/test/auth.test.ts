import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../src/auth/auth.service';
import { MemoryRateLimiter } from '../src/auth/rate-limiter';
import { Session } from '../src/auth/session.entity';
import { StaffUser } from '../src/auth/staff-user.entity';
import { Member } from '../src/members/member.entity';
import { onStatement } from '../src/db/query-stats';
import { withQueryStats } from '../src/db/query-stats';

const settings = { staffSessionHours: 1, memberSessionHours: 1, signInRateLimit: 10, signInRateWindowSeconds: 60 };
import { sha256 } from '../src/auth/secrets';
import { ADMIN, createTestApp, dialect, type TestApp } from './harness';

const LOGIN = `mutation($input: SignInInput!) {
  login(input: $input) {
    __typename
    ... on StaffSession { token expiresAt staffUser { id email role } }
    ... on Error { code message }
    ... on RateLimitedError { retryAfterSeconds }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const SIGN_UP = `mutation($input: MemberSignUpInput!) {
  memberSignUp(input: $input) {
    __typename
    ... on MemberSession { token member { id email name locale } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const SIGN_IN = `mutation($input: SignInInput!) {
  memberSignIn(input: $input) {
    __typename
    ... on MemberSession { token member { id email } }
    ... on Error { code message }
  }
}`;
const VIEWER = `{ viewer { __typename ... on StaffUser { id email role } ... on Member { id memberEmail: email } ... on ApiKey { id name scopes } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { id email name } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on CreatedApiKey { secret apiKey { id prefix scopes } }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on ApiKey { id revokedAt } ... on NotFoundError { code } } }`;
const CREATE_STAFF = `mutation($input: CreateStaffUserInput!) {
  createStaffUser(input: $input) { __typename ... on StaffUser { id role } ... on Error { code } }
}`;

let t: TestApp;
let adminToken: string;

async function signUp(email: string, password = 'member-password', name = 'Test Member') {
  const res = await t.gql(SIGN_UP, { input: { email, password, name } });
  expect(res.body.data?.memberSignUp.__typename).toBe('MemberSession');
  return res.body.data!.memberSignUp as { token: string; member: { id: string; email: string } };
}

function errorCode(res: { body: { errors?: { extensions?: Record<string, any> }[] } }) {
  return res.body.errors?.[0]?.extensions?.code;
}

describe(`identity and access on ${dialect}`, () => {
  beforeAll(async () => {
    t = await createTestApp({ SIGNIN_RATE_LIMIT: '5', SIGNIN_RATE_WINDOW_SECONDS: '60' });
    adminToken = await t.signInStaff();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('staff sign-in', () => {
    it('signs the bootstrap admin in with a session token and cookie', async () => {
      const res = await t.gql(LOGIN, { input: { email: ' ADMIN@test.local ', password: ADMIN.password } });
      const login = res.body.data!.login;
      expect(login.__typename).toBe('StaffSession');
      expect(login.token).toMatch(/^pts_[\w-]{43}$/);
      expect(login.staffUser).toMatchObject({ email: ADMIN.email, role: 'ADMIN' });
      expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toContain(`patron_session=${login.token}`);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      const viewer = await t.gql(VIEWER, {}, { token: login.token });
      expect(viewer.body.data.viewer).toMatchObject({ __typename: 'StaffUser', email: ADMIN.email, role: 'ADMIN' });
    });

    it('stores only the hash of a session token', async () => {
      const token = await t.signInStaff();
      const sessions = await t.app.dataSource.manager.find(Session);
      expect(sessions.some((s) => s.tokenHash === t.app.services.auth.sessionTokenHash(token))).toBe(true);
      expect(sessions.some((s) => s.tokenHash === sha256(token))).toBe(false);
      expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    });

    it('answers a wrong password and an unknown email the same way, and sets no cookie', async () => {
      const wrong = await t.gql(LOGIN, { input: { email: ADMIN.email, password: 'not-the-password' } });
      const unknown = await t.gql(LOGIN, { input: { email: 'nobody@test.local', password: 'whatever-1' } });
      for (const res of [wrong, unknown]) {
        expect(res.body.data!.login).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    });

    it('rejects malformed input with field paths', async () => {
      const res = await t.gql(LOGIN, { input: { email: 'not an email', password: '' } });
      const result = res.body.data!.login;
      expect(result.__typename).toBe('ValidationError');
      expect(result.fieldErrors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['input.email', 'input.password']);
    });

    it('rejects wrong argument types before anything runs', async () => {
      const res = await t.gql(LOGIN, { input: { email: 42, password: ['x'] } });
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.length).toBeGreaterThan(0);
    });

    it('slows down password guessing: the 6th attempt in the window is refused, even with the right password', async () => {
      const email = 'guessed@test.local';
      await t.gql(CREATE_STAFF, { input: { email, password: 'right-password-1', role: 'SUPPORT' } }, { token: adminToken });
      for (let i = 0; i < 5; i++) {
        const res = await t.gql(LOGIN, { input: { email, password: `wrong-${i}` } });
        expect(res.body.data!.login.__typename).toBe('InvalidCredentialsError');
      }
      const blocked = await t.gql(LOGIN, { input: { email, password: 'right-password-1' } });
      expect(blocked.body.data!.login.__typename).toBe('RateLimitedError');
      expect(blocked.body.data!.login.retryAfterSeconds).toBeGreaterThan(0);
    });
  });

  describe('members', () => {
    it('sign up, sign in and see themselves', async () => {
      const up = await signUp('Maria@Example.com');
      expect(up.member.email).toBe('maria@example.com');
      const res = await t.gql(SIGN_IN, { input: { email: 'maria@example.com', password: 'member-password' } });
      const session = res.body.data!.memberSignIn;
      expect(session.__typename).toBe('MemberSession');
      const viewer = await t.gql(VIEWER, {}, { token: session.token });
      expect(viewer.body.data.viewer).toEqual({ __typename: 'Member', id: up.member.id, memberEmail: 'maria@example.com' });
      const self = await t.gql(MEMBER, { id: up.member.id }, { token: session.token });
      expect(self.body.data.member.email).toBe('maria@example.com');
    });

    it('cannot sign up twice with one email, even at the same moment', async () => {
      const attempts = await Promise.all(
        [0, 1, 2].map(() => t.gql(SIGN_UP, { input: { email: 'twice@example.com', password: 'member-password' } })),
      );
      const kinds = attempts.map((r) => r.body.data?.memberSignUp.__typename).sort();
      expect(kinds).toEqual(['ConflictError', 'ConflictError', 'MemberSession']);
    });

    it('validates sign-up input and creates nothing when it is bad', async () => {
      const before = await t.gql(`{ members(first: 100) { edges { node { id } } } }`, {}, { token: adminToken });
      const res = await t.gql(SIGN_UP, { input: { email: 'short@example.com', password: 'short', locale: 'de' } });
      const result = res.body.data!.memberSignUp;
      expect(result.__typename).toBe('ValidationError');
      expect(result.fieldErrors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['input.locale', 'input.password']);
      const huge = await t.gql(SIGN_UP, { input: { email: 'huge@example.com', password: 'x'.repeat(100_000) } });
      expect(huge.body.data!.memberSignUp.__typename).toBe('ValidationError');
      const after = await t.gql(`{ members(first: 100) { edges { node { id } } } }`, {}, { token: adminToken });
      expect(after.body.data.members.edges.length).toBe(before.body.data.members.edges.length);
    });

    it("cannot read another member's data, by member(id) or by node(id)", async () => {
      const alice = await signUp('alice@example.com');
      const bob = await signUp('bob@example.com');
      const byMember = await t.gql(MEMBER, { id: bob.member.id }, { token: alice.token });
      expect(errorCode(byMember)).toBe('FORBIDDEN');
      expect(byMember.body.data?.member ?? null).toBeNull();
      const byNode = await t.gql(`query($id: ID!) { node(id: $id) { id ... on Member { email } } }`, { id: bob.member.id }, { token: alice.token });
      expect(errorCode(byNode)).toBe('FORBIDDEN');
      expect(JSON.stringify(byNode.body)).not.toContain('bob@example.com');
      const list = await t.gql(`{ members(first: 5) { edges { node { email } } } }`, {}, { token: alice.token });
      expect(errorCode(list)).toBe('FORBIDDEN');
    });
  });

  describe('sessions', () => {
    it('logout revokes the session; a second logout is harmless', async () => {
      const token = await t.signInStaff();
      const out = await t.gql(`mutation { logout }`, {}, { token });
      expect(out.body.data.logout).toBe(true);
      expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
      const after = await t.gql(VIEWER, {}, { token });
      expect(after.status).toBe(401);
      expect(errorCode(after)).toBe('UNAUTHENTICATED');
      const again = await t.gql(`mutation { logout }`);
      expect(again.body.data.logout).toBe(true);
    });

    it('a session signed under another SESSION_SECRET is refused', async () => {
      const token = await t.signInStaff();
      const em = t.app.dataSource.manager;
      const same = new AuthService({ ...settings, sessionSecret: 'patron-development-session-secret-not-for-production' }, new MemoryRateLimiter(), t.app.services.members);
      const rotated = new AuthService({ ...settings, sessionSecret: 'a-rotated-secret-a-rotated-secret-a-rotated' }, new MemoryRateLimiter(), t.app.services.members);
      expect(await same.resolveToken(em, token)).toMatchObject({ kind: 'staff' });
      expect(await rotated.resolveToken(em, token)).toBeNull();
    });

    it('an expired session is refused', async () => {
      const token = await t.signInStaff();
      await t.app.dataSource.manager.update(Session, { tokenHash: t.app.services.auth.sessionTokenHash(token) }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await t.gql(VIEWER, {}, { token });
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });

    it('a session answers in one statement, and only while it is live and its staff user enabled or its member active', async () => {
      const em = t.app.dataSource.manager;
      const auth = t.app.services.auth;
      const created = await t.gql(CREATE_STAFF, { input: { email: 'to-disable@test.local', password: 'staff-password-1', role: 'SUPPORT' } }, { token: adminToken });
      expect(created.body.data.createStaffUser.__typename).toBe('StaffUser');
      const staffToken = await t.signInStaff('to-disable@test.local', 'staff-password-1');
      const member = await signUp('to-suspend@test.local');
      let statements = 0;
      const stop = onStatement(() => statements++);
      expect(await auth.resolveToken(em, staffToken)).toMatchObject({ kind: 'staff', role: 'support' });
      stop();
      expect(statements).toBe(1);
      expect(await auth.resolveToken(em, member.token)).toMatchObject({ kind: 'member' });
      // Expiry is exclusive: at its expiresAt a session is over.
      const session = await em.findOneByOrFail(Session, { tokenHash: auth.sessionTokenHash(staffToken) });
      expect(await auth.resolveToken(em, staffToken, new Date(session.expiresAt.getTime() - 1000))).toMatchObject({ kind: 'staff' });
      expect(await auth.resolveToken(em, staffToken, session.expiresAt)).toBeNull();
      await em.update(StaffUser, { email: 'to-disable@test.local' }, { disabledAt: new Date() });
      expect(await auth.resolveToken(em, staffToken)).toBeNull();
      await em.update(Member, { email: 'to-suspend@test.local' }, { status: 'suspended' });
      expect(await auth.resolveToken(em, member.token)).toBeNull();
      expect((await t.gql(VIEWER, {}, { token: member.token })).status).toBe(401);
    });

    it('a made-up or malformed bearer token is refused', async () => {
      for (const token of ['pts_made-up', 'pk_' + 'a'.repeat(43), 'x'.repeat(5000)]) {
        const res = await t.gql(VIEWER, {}, { token });
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    });

    it('the browser cookie signs requests in; a stale cookie leaves the visitor anonymous', async () => {
      const token = await t.signInStaff();
      const withCookie = await t.gql(VIEWER, {}, { headers: { cookie: `patron_session=${token}` } });
      expect(withCookie.body.data.viewer.__typename).toBe('StaffUser');
      const stale = await t.gql(VIEWER, {}, { headers: { cookie: 'patron_session=pts_gone' } });
      expect(stale.status).toBe(200);
      expect(stale.body.data.viewer).toBeNull();
    });

    it('refuses requests a hostile page could forge (CSRF): GET and form posts without a preflight header', async () => {
      const token = await t.signInStaff();
      const get = await t.app.yoga.fetch(`http://patron.test/graphql?query=${encodeURIComponent('{ viewer { __typename } }')}`, {
        headers: { cookie: `patron_session=${token}` },
      });
      expect(get.status).toBe(403);
      const form = await t.app.yoga.fetch('http://patron.test/graphql', {
        method: 'POST',
        headers: { cookie: `patron_session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=mutation%7Blogout%7D',
      });
      expect(form.status).toBe(403);
      const viewer = await t.gql(VIEWER, {}, { token });
      expect(viewer.body.data.viewer.__typename).toBe('StaffUser');
    });
  });

  describe('roles', () => {
    it('only an admin creates staff users and API keys', async () => {
      const created = await t.gql(CREATE_STAFF, { input: { email: 'mk@test.local', password: 'marketer-pass-1', role: 'MARKETER', name: 'Mk' } }, { token: adminToken });
      expect(created.body.data.createStaffUser).toMatchObject({ __typename: 'StaffUser', role: 'MARKETER' });
      const marketer = await t.signInStaff('mk@test.local', 'marketer-pass-1');
      const denied = await t.gql(CREATE_KEY, { input: { name: 'pos', scopes: ['MEMBERS_READ'] } }, { token: marketer });
      expect(errorCode(denied)).toBe('FORBIDDEN');
      const anonymous = await t.gql(CREATE_KEY, { input: { name: 'pos', scopes: ['MEMBERS_READ'] } });
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      const keys = await t.gql(`{ apiKeys(first: 50) { edges { node { name } } } }`, {}, { token: adminToken });
      expect(keys.body.data.apiKeys.edges.map((e: { node: { name: string } }) => e.node.name)).not.toContain('pos');
      // A marketer sees the members list but not other staff users.
      expect((await t.gql(`{ members(first: 1) { edges { node { id } } } }`, {}, { token: marketer })).body.errors).toBeUndefined();
      expect(errorCode(await t.gql(`{ staffUsers(first: 5) { edges { node { email } } } }`, {}, { token: marketer }))).toBe('FORBIDDEN');
    });

    it('a duplicate staff email is a conflict', async () => {
      const res = await t.gql(CREATE_STAFF, { input: { email: ADMIN.email, password: 'another-pass-1', role: 'ANALYST' } }, { token: adminToken });
      expect(res.body.data.createStaffUser).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    });
  });

  describe('API keys', () => {
    it('are shown once, stored hashed, act within their scopes, and stop working when revoked', async () => {
      const created = await t.gql(CREATE_KEY, { input: { name: 'Store POS', scopes: ['MEMBERS_READ', 'PURCHASES_WRITE'] } }, { token: adminToken });
      const { secret, apiKey } = created.body.data.createApiKey;
      expect(secret).toMatch(/^pk_[\w-]{43}$/);
      expect(apiKey.prefix).toBe(secret.slice(0, 10));
      const listed = await t.gql(`{ apiKeys(first: 50) { edges { node { id prefix } } } }`, {}, { token: adminToken });
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const viewer = await t.gql(VIEWER, {}, { token: secret });
      expect(viewer.body.data.viewer).toMatchObject({ __typename: 'ApiKey', name: 'Store POS', scopes: ['MEMBERS_READ', 'PURCHASES_WRITE'] });
      const members = await t.gql(`{ members(first: 3) { edges { node { id } } } }`, {}, { token: secret });
      expect(members.body.errors).toBeUndefined();
      const staff = await t.gql(`{ staffUsers(first: 3) { edges { node { id } } } }`, {}, { token: secret });
      expect(errorCode(staff)).toBe('FORBIDDEN');

      const revoked = await t.gql(REVOKE_KEY, { id: apiKey.id }, { token: adminToken });
      expect(revoked.body.data.revokeApiKey.__typename).toBe('ApiKey');
      expect(revoked.body.data.revokeApiKey.revokedAt).not.toBeNull();
      const after = await t.gql(VIEWER, {}, { token: secret });
      expect(after.status).toBe(401);
      expect(errorCode(after)).toBe('UNAUTHENTICATED');
    });

    it('requests that arrive together with one key share one read; once revoked, the next read refuses it', async () => {
      const created = await t.gql(CREATE_KEY, { input: { name: 'Busy till', scopes: ['MEMBERS_READ'] } }, { token: adminToken });
      const { secret, apiKey } = created.body.data.createApiKey;
      const { services, dataSource } = t.app;
      await services.auth.resolveToken(dataSource.manager, secret); // sets lastUsedAt, so the reads below only read
      const stats = { statements: 0 };
      const actors = await withQueryStats(stats, () => Promise.all(Array.from({ length: 8 }, () => services.auth.resolveToken(dataSource.manager, secret))));
      expect(stats.statements).toBe(1);
      expect(actors.every((a) => a?.kind === 'apiKey')).toBe(true);
      // Each request gets its own actor: one request cannot change what another sees.
      expect(new Set(actors).size).toBe(8);
      await t.gql(REVOKE_KEY, { id: apiKey.id }, { token: adminToken });
      expect(await services.auth.resolveToken(dataSource.manager, secret)).toBeNull();
    });

    it('a key without members:read cannot list members', async () => {
      const created = await t.gql(CREATE_KEY, { input: { name: 'Events only', scopes: ['EVENTS_WRITE'] } }, { token: adminToken });
      const res = await t.gql(`{ members(first: 3) { edges { node { id } } } }`, {}, { token: created.body.data.createApiKey.secret });
      expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it('bad key input is a validation error; an unknown or foreign id is refused', async () => {
      const empty = await t.gql(CREATE_KEY, { input: { name: '  ', scopes: [] } }, { token: adminToken });
      expect(empty.body.data.createApiKey.__typename).toBe('ValidationError');
      const unknownScope = await t.gql(CREATE_KEY, { input: { name: 'x', scopes: ['EVERYTHING'] } }, { token: adminToken });
      expect(unknownScope.body.errors?.length).toBeGreaterThan(0);
      const missing = await t.gql(REVOKE_KEY, { id: Buffer.from('ApiKey:999999').toString('base64') }, { token: adminToken });
      expect(missing.body.data.revokeApiKey.__typename).toBe('NotFoundError');
      const member = await signUp('keyless@example.com');
      const wrongType = await t.gql(REVOKE_KEY, { id: member.member.id }, { token: adminToken });
      expect(wrongType.body.errors?.length).toBeGreaterThan(0);
    });
  });

});

describe(`query limits on ${dialect}`, () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '50' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('refuse a query deeper than the limit with DEPTH_LIMIT_EXCEEDED, before it runs', async () => {
    const token = await limited.signInStaff();
    const shallow = await limited.gql(`{ viewer { __typename } }`, {}, { token });
    expect(shallow.body.errors).toBeUndefined();
    const deep = await limited.gql(`{ members(first: 1) { edges { node { id } } } }`, {}, { token });
    expect(errorCode(deep)).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(deep.statements).toBeLessThanOrEqual(2); // only the token lookup ran
  });

  it('refuse a query costlier than the limit with COMPLEXITY_LIMIT_EXCEEDED', async () => {
    const token = await limited.signInStaff();
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: viewer { __typename }`).join(' ');
    const costly = await limited.gql(`{ ${aliases} }`, {}, { token });
    expect(errorCode(costly)).toBe('COMPLEXITY_LIMIT_EXCEEDED');
  });
});

describe('staff passwords', () => {
  it('name the staff minimum of 10 characters, not the member minimum', async () => {
    const app = await createTestApp();
    try {
      const token = await app.signInStaff();
      const res = await app.gql(
        `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { __typename ... on ValidationError { fieldErrors { path message code } } } }`,
        { input: { email: 'short@test.local', password: 'nine-char', role: 'SUPPORT' } },
        { token },
      );
      expect(res.body.data.createStaffUser.fieldErrors).toEqual([{ path: ['input', 'password'], message: 'must be at least 10 characters', code: 'too_small' }]);
    } finally {
      await app.close();
    }
  });
});
