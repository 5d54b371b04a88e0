import type { CampaignsService } from '../campaigns/campaigns.service';
import type { ProgramsService } from '../programs/programs.service';
import type { RulesService } from '../rules/rules.service';
import { BadgesService } from './badges.service';
import { Challenge } from './challenge.entity';
import { ChallengesService } from './challenges.service';
import { LeaderboardService } from './leaderboard.service';
import { ChallengeProgressService } from './progress.service';

export interface Gamification {
  badges: BadgesService;
  challenges: ChallengesService;
  progress: ChallengeProgressService;
  leaderboard: LeaderboardService;
}

/**
 * Badges, challenges and leaderboards, wired into the rules: action.grantBadge and
 * action.challengeProgress are handled here, every event moves the matching challenges,
 * and graphs may use the badge and challenge nodes and refer to their codes.
 */
export function createGamification(programs: ProgramsService, rules: RulesService, campaigns: CampaignsService): Gamification {
  const badges = new BadgesService(programs);
  const challenges = new ChallengesService(programs);
  const progress = new ChallengeProgressService(badges, rules);
  rules.handleEffect('grantBadge', async (em, run, effect) => ((await badges.grantFromCampaign(em, run.program.id, run.memberId, effect.badge, run.now)) ? 0 : false));
  rules.handleEffect('challengeProgress', async (em, run, effect) => ((await progress.advanceByCode(em, run.program, run.memberId, effect.challenge, effect.amount, run.now)) ? 0 : false));
  rules.listen(
    (em, program, memberId, event, outcomes, options) => progress.onEvent(em, program, memberId, event, outcomes, options.now),
    // Only an active challenge of the program can move.
    { reads: [{ entity: Challenge }], ask: (program) => ({ sql: "SELECT 1 FROM challenges WHERE programId = ? AND status = 'active'", params: [program.id] }) },
  );
  campaigns.enableDomain('badges');
  campaigns.enableDomain('challenges');
  campaigns.referTo('badge', (em, programId) => badges.codes(em, programId));
  campaigns.referTo('challenge', (em, programId) => challenges.codes(em, programId));
  return { badges, challenges, progress, leaderboard: new LeaderboardService(programs) };
}
