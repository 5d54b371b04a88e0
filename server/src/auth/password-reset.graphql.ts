import { RateLimitedError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { ErrorInterface } from '../graphql/errors.graphql';
import { MemberSession, startSession } from './auth.graphql';
import { InvalidResetTokenError } from './password-reset-errors';

builder.objectType(InvalidResetTokenError, {
  name: 'InvalidResetTokenError',
  description: 'The reset link is unknown, already used or expired: ask for a new one.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidResetTokenError,
  fields: () => ({}),
});

const PasswordResetRequested = builder.objectRef<{ accepted: true }>('PasswordResetRequested').implement({
  description: 'The same answer whether or not the email belongs to a member: if it does, a link is on its way.',
  fields: (t) => ({ accepted: t.exposeBoolean('accepted') }),
});

const RequestMemberPasswordResetInput = builder.inputType('RequestMemberPasswordResetInput', {
  fields: (t) => ({ email: t.string({ description: 'The address the member signs in with.' }) }),
});
const ResetMemberPasswordInput = builder.inputType('ResetMemberPasswordInput', {
  fields: (t) => ({
    token: t.string({ description: 'The token from the link in the email (/reset?token=…).' }),
    newPassword: t.string({ description: 'At least 8 characters.' }),
  }),
});

builder.mutationFields((t) => ({
  requestMemberPasswordReset: t.field({
    type: PasswordResetRequested,
    description: 'Emails a single-use link (valid 1 hour) to reset a member’s password. Answers the same for unknown addresses; limited like sign-in.',
    args: { input: t.arg({ type: RequestMemberPasswordResetInput, required: true }) },
    errors: { types: [RateLimitedError, ValidationError], directResult: true, union: { name: 'RequestMemberPasswordResetResult' } },
    resolve: async (_root, { input }, ctx) => {
      await ctx.transaction((em) => ctx.services.passwordResets.request(em, input, ctx.client));
      return { accepted: true as const };
    },
  }),
  resetMemberPassword: t.field({
    type: MemberSession,
    description: 'Sets a new password with the token from the email, ends every other session of the member and signs them in. A token works once.',
    args: { input: t.arg({ type: ResetMemberPasswordInput, required: true }) },
    errors: { types: [InvalidResetTokenError, RateLimitedError, ValidationError], directResult: true, union: { name: 'ResetMemberPasswordResult' } },
    resolve: async (_root, { input }, ctx) => {
      const issued = await ctx.transaction((em) => ctx.services.passwordResets.reset(em, input, ctx.client));
      startSession(ctx, issued);
      return issued;
    },
  }),
}));
