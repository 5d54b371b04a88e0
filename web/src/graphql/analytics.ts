import { graphql } from './generated';

export const KpiFieldsFragment = graphql(`
  fragment KpiFields on Kpi {
    value
    previous
    change
  }
`);

export const NpsSummaryFieldsFragment = graphql(`
  fragment NpsSummaryFields on NpsSummary {
    responses
    promoters
    passives
    detractors
    score
  }
`);

export const DashboardAnalyticsQuery = graphql(`
  query DashboardAnalytics($from: DateTime!, $to: DateTime!) {
    analytics(from: $from, to: $to) {
      __typename
      ... on ProgramAnalytics {
        from
        to
        program {
          id
          currency
          tiers {
            id
            code
            name
          }
        }
        members {
          total {
            ...KpiFields
          }
          new {
            ...KpiFields
          }
          active {
            ...KpiFields
          }
        }
        points {
          issued {
            ...KpiFields
          }
          redeemed {
            ...KpiFields
          }
          expired {
            ...KpiFields
          }
          redemptionRate {
            ...KpiFields
          }
        }
        liability {
          points
          moneyMinor
          breakageRate
          expectedBreakageMinor
        }
        memberComparison {
          members {
            purchases
            revenueMinor
            averageCheckMinor
            purchasesPerCustomer
          }
          nonMembers {
            purchases
            revenueMinor
            averageCheckMinor
          }
        }
        retention {
          churnRate
          monthlyChurnRate
          cltvMinor
          monthlyRevenuePerMemberMinor
        }
        cohorts {
          cohort
          size
          retention
        }
        tiers {
          distribution {
            tier
            members
          }
          upgrades
          downgrades
        }
        nps {
          current {
            ...NpsSummaryFields
          }
          previous {
            ...NpsSummaryFields
          }
          trend {
            month
            nps {
              ...NpsSummaryFields
            }
          }
        }
      }
      ... on ValidationError {
        message
      }
    }
  }
`);
