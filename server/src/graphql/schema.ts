import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './scalars.graphql';
import './errors.graphql';
import '../members/members.graphql';
import '../auth/auth.graphql';
import '../auth/password-reset.graphql';
import '../programs/programs.graphql';
import '../ledger/ledger.graphql';
import '../purchases/purchases.graphql';
import '../campaigns/campaigns.graphql';
import '../experiments/experiments.graphql';
import '../segments/segments.graphql';
import '../analytics/analytics.graphql';
import '../feedback/feedback.graphql';
import '../audit/audit.graphql';
import '../templates/templates.graphql';
import '../privacy/privacy.graphql';
import '../imports/imports.graphql';
import '../referrals/referrals.graphql';
import '../rewards/rewards.graphql';
import '../clubs/clubs.graphql';
import '../gamification/badges.graphql';
import '../gamification/challenges.graphql';
import '../partners/partners.graphql';
import '../offers/offers.graphql';
import '../notifications/notifications.graphql';
import '../notifications/webhooks.graphql';
import '../community/categories.graphql';
import '../community/posts.graphql';
import '../community/topics.graphql';
import '../community/moderation.graphql';

let schema: GraphQLSchema | undefined;

/** The schema, built once. Each domain's *.graphql.ts adds its types when imported above. */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}

/** The SDL committed as schema/schema.graphql. */
export function printPatronSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
