import type { SurveyStatus } from '../../graphql/generated/graphql';

/** Tag colours for a survey's status, dark enough on their background to read (WCAG AA). */
export const STATUS_COLORS: Record<SurveyStatus, { color: string; textColor: string }> = {
  OPEN: { color: '#e3f4ec', textColor: '#11643f' },
  DRAFT: { color: '#eeeef2', textColor: '#3d4152' },
  CLOSED: { color: '#fbf0dc', textColor: '#7a4a00' },
};
