import type { Config } from './config';
import { AuthService } from './auth/auth.service';
import type { RateLimiter } from './auth/rate-limiter';
import { MembersService } from './members/members.service';

// Outside production a missing SESSION_SECRET falls back to this, so that sessions
// survive a restart of `npm start`; production refuses to start without a real one.
const DEVELOPMENT_SESSION_SECRET = 'patron-development-session-secret-not-for-production';

/** One instance of each domain service for the process; resolvers reach them through the context. */
export interface Services {
  auth: AuthService;
  members: MembersService;
  graphqlLimits: { depth: number; complexity: number; breadth: number };
}

export function createServices(config: Config, rateLimiter: RateLimiter): Services {
  return {
    auth: new AuthService(
      {
        staffSessionHours: config.STAFF_SESSION_HOURS,
        memberSessionHours: config.MEMBER_SESSION_HOURS,
        signInRateLimit: config.SIGNIN_RATE_LIMIT,
        signInRateWindowSeconds: config.SIGNIN_RATE_WINDOW_SECONDS,
        sessionSecret: config.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      },
      rateLimiter,
    ),
    members: new MembersService(),
    graphqlLimits: { depth: config.GRAPHQL_MAX_DEPTH, complexity: config.GRAPHQL_MAX_COMPLEXITY, breadth: 500 },
  };
}
