import { graphql } from './generated';

// Settings → Webhooks: subscriptions and their delivery log (admins only).

export const WebhookSubscriptionRowFragment = graphql(`
  fragment WebhookSubscriptionRow on WebhookSubscription {
    id
    url
    description
    eventTypes
    active
    createdAt
    updatedAt
  }
`);

export const WebhookDeliveryRowFragment = graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    eventType
    eventId
    status
    attempts
    responseStatus
    durationMs
    lastError
    nextAttemptAt
    deliveredAt
    replayOf
    createdAt
  }
`);

export const WebhookSubscriptionsQuery = graphql(`
  query WebhookSubscriptions {
    webhookSubscriptions {
      ...WebhookSubscriptionRow
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($subscriptionId: ID!, $last: Int!, $status: WebhookDeliveryStatus) {
    webhookSubscriptions {
      ...WebhookSubscriptionRow
    }
    webhookDeliveries(subscriptionId: $subscriptionId, last: $last, status: $status) {
      edges {
        node {
          ...WebhookDeliveryRow
        }
      }
      pageInfo {
        hasPreviousPage
      }
    }
  }
`);

export const CreateWebhookSubscriptionMutation = graphql(`
  mutation CreateWebhookSubscription($input: WebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) {
      __typename
      ... on WebhookSubscriptionCreated {
        secret
        subscription {
          ...WebhookSubscriptionRow
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const UpdateWebhookSubscriptionMutation = graphql(`
  mutation UpdateWebhookSubscription($id: ID!, $input: WebhookSubscriptionInput!) {
    updateWebhookSubscription(id: $id, input: $input) {
      __typename
      ... on WebhookSubscription {
        ...WebhookSubscriptionRow
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const DeleteWebhookSubscriptionMutation = graphql(`
  mutation DeleteWebhookSubscription($id: ID!) {
    deleteWebhookSubscription(id: $id) {
      __typename
      ... on WebhookSubscription {
        id
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      __typename
      ... on WebhookDelivery {
        ...WebhookDeliveryRow
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
