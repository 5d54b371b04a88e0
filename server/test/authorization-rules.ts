/** The callers the matrix tries. memberSelf owns the member ids the probes use; memberOther does not. */
export const ROLES = ['anonymous', 'memberSelf', 'memberOther', 'admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes', 'keyNoScope'] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE = ROLES;

/**
 * Who may call each root field; anyone else must be denied (FORBIDDEN, or UNAUTHENTICATED
 * when anonymous). node, nodes and viewer answer everyone and apply each object's own rule
 * (tested below them). Members answer surveys and review products for themselves; an API
 * key must name the member (the probes do not, so keys are denied there). A new root field
 * fails the matrix until it has a line here.
 */
export const EXPECTED: Record<string, readonly Role[]> = {
  addPredefinedSegments: ['admin', 'marketer'],
  addSegmentMembers: ['admin', 'marketer'],
  activateOffer: ['memberSelf', 'memberOther'],
  adjustPoints: ['admin', 'support', 'keyAllScopes'],
  analytics: ['admin', 'marketer', 'analyst'],
  apiKeys: ['admin'],
  auditLog: ['admin'],
  backtestCampaign: ['admin', 'marketer', 'analyst'],
  campaign: ['admin', 'marketer', 'analyst'],
  campaigns: ['admin', 'marketer', 'analyst'],
  createApiKey: ['admin'],
  createCampaign: ['admin', 'marketer'],
  createMember: ['admin', 'marketer', 'support', 'keyAllScopes'],
  createOffer: ['admin', 'marketer'],
  createProgram: ['admin', 'marketer'],
  createSegment: ['admin', 'marketer'],
  createStaffUser: ['admin'],
  createSurvey: ['admin', 'marketer'],
  declareExperimentWinner: ['admin', 'marketer'],
  flowDomains: ['admin', 'marketer', 'analyst'],
  login: EVERYONE,
  logout: EVERYONE,
  member: ['memberSelf', 'admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  memberSignIn: EVERYONE,
  memberSignUp: EVERYONE,
  members: ['admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  myOffers: ['memberSelf', 'memberOther'],
  node: EVERYONE,
  nodes: EVERYONE,
  offers: ['admin', 'marketer', 'analyst'],
  openSurveys: ['memberSelf', 'memberOther'],
  pauseCampaign: ['admin', 'marketer'],
  previewSegment: ['admin', 'marketer', 'analyst', 'support'],
  productRating: ['memberSelf', 'memberOther', 'admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  program: ['memberSelf', 'memberOther', 'admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  programs: ['memberSelf', 'memberOther', 'admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  publishCampaign: ['admin', 'marketer'],
  purchases: ['admin', 'marketer', 'moderator', 'analyst', 'support', 'keyAllScopes'],
  quoteCheckout: ['memberSelf', 'admin', 'support', 'keyAllScopes'],
  recordEvent: ['admin', 'support', 'keyAllScopes'],
  recordPurchase: ['admin', 'support', 'keyAllScopes'],
  redeemPoints: ['admin', 'support', 'keyAllScopes'],
  refreshSegment: ['admin', 'marketer'],
  refundPurchase: ['admin', 'support', 'keyAllScopes'],
  removeSegmentMembers: ['admin', 'marketer'],
  restoreCampaignVersion: ['admin', 'marketer'],
  resumeCampaign: ['admin', 'marketer'],
  revokeApiKey: ['admin'],
  saveTier: ['admin', 'marketer'],
  segments: ['admin', 'marketer', 'analyst', 'support'],
  setSurveyStatus: ['admin', 'marketer'],
  setOfferStatus: ['admin', 'marketer'],
  simulateCampaign: ['admin', 'marketer', 'analyst'],
  staffUsers: ['admin'],
  submitProductReview: ['memberSelf', 'memberOther'],
  submitSurveyResponse: ['memberSelf', 'memberOther'],
  surveys: ['admin', 'marketer', 'analyst', 'support'],
  updateCampaignDraft: ['admin', 'marketer'],
  updateMember: ['memberSelf', 'admin', 'marketer', 'support', 'keyAllScopes'],
  updateOffer: ['admin', 'marketer'],
  updateProgram: ['admin', 'marketer'],
  updateSegment: ['admin', 'marketer'],
  updateSurvey: ['admin', 'marketer'],
  viewer: EVERYONE,
};
