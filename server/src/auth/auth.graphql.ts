import { API_KEY_SCOPES, STAFF_ROLES, type ApiKeyScope, type StaffRole } from '@patron/schema';
import { ConflictError, InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { MemberNode } from '../members/members.graphql';
import type { Member } from '../members/member.entity';
import { loadByIds } from '../db/load-by-ids';
import { ANONYMOUS } from './actor';
import { ApiKey } from './api-key.entity';
import type { Session } from './session.entity';
import { StaffUser } from './staff-user.entity';

const enumName = (value: string) => value.replace(/[^a-z]+/gi, '_').toUpperCase();

export const StaffRoleEnum = builder.enumType('StaffRole', {
  values: Object.fromEntries(STAFF_ROLES.map((role) => [enumName(role), { value: role }])) as Record<string, { value: StaffRole }>,
});

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'What an API key may do. MEMBERS_READ is members:read, and so on.',
  values: Object.fromEntries(API_KEY_SCOPES.map((scope) => [enumName(scope), { value: scope }])) as Record<string, { value: ApiKeyScope }>,
});

const isAdmin = (ctx: Context) => ctx.actor.kind === 'staff' && ctx.actor.role === 'admin';

export const StaffUserNode = builder.loadableNode('StaffUser', {
  description: 'A person who runs the program.',
  id: { resolve: (user) => user.id },
  // Admins see every staff user; others see only themselves.
  authScopes: (user, ctx) => isAdmin(ctx) || (ctx.actor.kind === 'staff' && ctx.actor.staffUserId === user.id),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, StaffUser, ids),
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: StaffRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastSignInAt: t.expose('lastSignInAt', { type: 'DateTime', nullable: true }),
    disabled: t.boolean({ resolve: (user) => user.disabledAt !== null }),
  }),
});

export const ApiKeyNode = builder.loadableNode('ApiKey', {
  description: 'A key for a server (POS, storefront, partner). The secret is shown only when it is created.',
  id: { resolve: (key) => key.id },
  authScopes: (key, ctx) => isAdmin(ctx) || (ctx.actor.kind === 'apiKey' && ctx.actor.apiKeyId === key.id),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, ApiKey, ids),
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, to tell keys apart.' }),
    scopes: t.expose('scopes', { type: [ApiKeyScopeEnum] }),
    partnerId: t.exposeInt('partnerId', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

export const ViewerUnion = builder.unionType('Viewer', {
  description: 'Whoever is signed in: a staff user, a member, or a server holding an API key.',
  types: [StaffUserNode, MemberNode, ApiKeyNode],
  resolveType: (value) => (value instanceof StaffUser ? 'StaffUser' : value instanceof ApiKey ? 'ApiKey' : 'Member'),
});

interface StaffSessionShape {
  token: string;
  session: Session;
  user: StaffUser;
}
interface MemberSessionShape {
  token: string;
  session: Session;
  member: Member;
}

const StaffSession = builder.objectRef<StaffSessionShape>('StaffSession').implement({
  description: 'A staff sign-in. Browsers also receive the token as an httpOnly cookie.',
  fields: (t) => ({
    token: t.string({ description: 'Send as `Authorization: Bearer <token>`.', resolve: (s) => s.token }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.session.expiresAt }),
    staffUser: t.field({ type: StaffUserNode, resolve: (s) => s.user }),
  }),
});

export const MemberSession = builder.objectRef<MemberSessionShape>('MemberSession').implement({
  description: 'A member sign-in. Browsers also receive the token as an httpOnly cookie.',
  fields: (t) => ({
    token: t.string({ description: 'Send as `Authorization: Bearer <token>`.', resolve: (s) => s.token }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.session.expiresAt }),
    member: t.field({ type: MemberNode, resolve: (s) => s.member }),
  }),
});

const CreatedApiKey = builder.objectRef<{ apiKey: ApiKey; secret: string }>('CreatedApiKey').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyNode, resolve: (r) => r.apiKey }),
    secret: t.string({ description: 'The key itself. It is shown now and never again.', resolve: (r) => r.secret }),
  }),
});

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({
    email: t.string(),
    password: t.string(),
  }),
});

const MemberSignUpInput = builder.inputType('MemberSignUpInput', {
  fields: (t) => ({
    email: t.string(),
    password: t.string({ description: 'At least 8 characters.' }),
    name: t.string({ required: false }),
    locale: t.string({ required: false, description: '"ru" or "en".' }),
    referralCode: t.string({ required: false, description: "A friend's referral code. An unknown code fails the sign-up and creates nothing." }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string(),
    scopes: t.field({ type: [ApiKeyScopeEnum] }),
  }),
});

const CreateStaffUserInput = builder.inputType('CreateStaffUserInput', {
  fields: (t) => ({
    email: t.string(),
    password: t.string({ description: 'At least 10 characters.' }),
    name: t.string({ required: false }),
    role: t.field({ type: StaffRoleEnum }),
  }),
});

/** Sends the cookie and lets the rest of this response see the newly signed-in person. */
export function startSession(ctx: Context, issued: { token: string; session: Session; user?: StaffUser; member?: Member }) {
  ctx.setSessionCookie(issued.token, issued.session.expiresAt);
  if (issued.user) ctx.actor = { kind: 'staff', staffUserId: issued.user.id, role: issued.user.role, sessionId: issued.session.id };
  if (issued.member) ctx.actor = { kind: 'member', memberId: issued.member.id, sessionId: issued.session.id };
}

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerUnion,
    nullable: true,
    description: 'Who is signed in, or null.',
    resolve: async (_root, _args, ctx) => {
      const { actor } = ctx;
      if (actor.kind === 'staff') return StaffUserNode.getDataloader(ctx).load(actor.staffUserId);
      if (actor.kind === 'member') return MemberNode.getDataloader(ctx).load(actor.memberId);
      if (actor.kind === 'apiKey') return ApiKeyNode.getDataloader(ctx).load(actor.apiKeyId);
      return null;
    },
  }),
  staffUsers: t.connection({
    type: StaffUserNode,
    authScopes: { roles: ['admin'] },
    resolve: (_root, args, ctx) =>
      keysetConnection(args, (page) => ctx.services.auth.staffUserPage(ctx.em, page)),
    },
    { name: 'StaffUserConnection' },
    { name: 'StaffUserEdge' },
  ),
  apiKeys: t.connection({
    type: ApiKeyNode,
    authScopes: { roles: ['admin'] },
    resolve: (_root, args, ctx) =>
      keysetConnection(args, (page) => ctx.services.auth.apiKeyPage(ctx.em, page)),
    },
    { name: 'ApiKeyConnection' },
    { name: 'ApiKeyEdge' },
  ),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: StaffSession,
    description: 'Staff sign-in with email and password.',
    args: { input: t.arg({ type: SignInInput, required: true }) },
    errors: {
      types: [InvalidCredentialsError, RateLimitedError, ValidationError],
      directResult: true,
      union: { name: 'LoginResult' },
    },
    resolve: async (_root, { input }, ctx) => {
      const issued = await ctx.transaction((em) => ctx.services.auth.signInStaff(em, input, ctx.client));
      startSession(ctx, issued);
      return issued;
    },
  }),
  memberSignUp: t.field({
    type: MemberSession,
    description: 'A member creates an account and is signed in.',
    args: { input: t.arg({ type: MemberSignUpInput, required: true }) },
    errors: {
      types: [ConflictError, RateLimitedError, ValidationError],
      directResult: true,
      union: { name: 'MemberSignUpResult' },
    },
    resolve: async (_root, { input }, ctx) => {
      const issued = await ctx.transaction(async (em) => {
        const signedUp = await ctx.services.auth.signUpMember(em, input, ctx.client);
        if (input.referralCode != null) await ctx.services.referrals.refer(em, signedUp.member, input.referralCode, ['input', 'referralCode']);
        // Welcome campaigns (trigger.signup) run in the same transaction.
        await ctx.services.rules.onMemberEvent(em, signedUp.member.id, { type: 'signup' });
        return signedUp;
      });
      startSession(ctx, issued);
      return issued;
    },
  }),
  memberSignIn: t.field({
    type: MemberSession,
    args: { input: t.arg({ type: SignInInput, required: true }) },
    errors: {
      types: [InvalidCredentialsError, RateLimitedError, ValidationError],
      directResult: true,
      union: { name: 'MemberSignInResult' },
    },
    resolve: async (_root, { input }, ctx) => {
      const issued = await ctx.transaction((em) => ctx.services.auth.signInMember(em, input, ctx.client));
      startSession(ctx, issued);
      return issued;
    },
  }),
  logout: t.boolean({
    description: 'Ends the current session (cookie or bearer token). Signing out twice is not an error.',
    resolve: async (_root, _args, ctx) => {
      const { actor } = ctx;
      if (actor.kind === 'staff' || actor.kind === 'member') await ctx.services.auth.signOut(ctx.em, actor.sessionId);
      ctx.setSessionCookie(null);
      ctx.actor = ANONYMOUS;
      return true;
    },
  }),
  createApiKey: t.field({
    type: CreatedApiKey,
    authScopes: { roles: ['admin'] },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateApiKeyResult' } },
    resolve: (_root, { input }, ctx) =>
      // A partner's key is made by createPartnerApiKey, which checks the partner and limits the scopes.
      ctx.transaction((em) => ctx.services.auth.createApiKey(em, { ...input, partnerId: null }, ctx.actor.kind === 'staff' ? ctx.actor.staffUserId : null)),
  }),
  revokeApiKey: t.field({
    type: ApiKeyNode,
    authScopes: { roles: ['admin'] },
    args: { id: t.arg.globalID({ required: true, for: ApiKeyNode }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RevokeApiKeyResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.auth.revokeApiKey(em, Number(id.id))),
  }),
  createStaffUser: t.field({
    type: StaffUserNode,
    authScopes: { roles: ['admin'] },
    args: { input: t.arg({ type: CreateStaffUserInput, required: true }) },
    errors: { types: [ConflictError, ValidationError], directResult: true, union: { name: 'CreateStaffUserResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.auth.createStaffUser(em, input)),
  }),
}));
