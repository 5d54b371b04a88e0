import { Foundation1763800000000 } from './1763800000000-foundation';
import { LoyaltyCore1763900000000 } from './1763900000000-loyalty-core';
import { Campaigns1764000000000 } from './1764000000000-campaigns';
import { Jobs1764100000000 } from './1764100000000-jobs';
import { ScheduledTriggers1764200000000 } from './1764200000000-scheduled-triggers';
import { Segments1764300000000 } from './1764300000000-segments';
import { AnalyticsIndexes1764400000000 } from './1764400000000-analytics-indexes';
import { Feedback1764500000000 } from './1764500000000-feedback';
import { Holdout1764600000000 } from './1764600000000-holdout';
import { Audit1764700000000 } from './1764700000000-audit';
import { Rewards1764800000000 } from './1764800000000-rewards';
import { Referrals1764900000000 } from './1764900000000-referrals';
import { Clubs1765000000000 } from './1765000000000-clubs';
import { Gamification1765100000000 } from './1765100000000-gamification';
import { Partners1765200000000 } from './1765200000000-partners';
import { Offers1765300000000 } from './1765300000000-offers';
import { Notifications1765400000000 } from './1765400000000-notifications';
import { Privacy1765500000000 } from './1765500000000-privacy';
import { Imports1765600000000 } from './1765600000000-imports';
import { Community1765700000000 } from './1765700000000-community';
import { PasswordResets1765800000000 } from './1765800000000-password-resets';
import { ScaleIndexes1765900000000 } from './1765900000000-scale-indexes';
import { DashboardIndexes1766000000000 } from './1766000000000-dashboard-indexes';
import { ExpiryIndexes1766100000000 } from './1766100000000-expiry-indexes';
import { LedgerAppendOnly1766200000000 } from './1766200000000-ledger-append-only';
import { ListenersVersion1766300000000 } from './1766300000000-listeners-version';

/** Every migration, oldest first. Listed explicitly so the bundled server needs no glob. */
export const migrations = [Foundation1763800000000, LoyaltyCore1763900000000, Campaigns1764000000000, Jobs1764100000000, ScheduledTriggers1764200000000, Segments1764300000000, AnalyticsIndexes1764400000000, Feedback1764500000000, Holdout1764600000000, Audit1764700000000, Rewards1764800000000, Referrals1764900000000, Clubs1765000000000, Gamification1765100000000, Partners1765200000000, Offers1765300000000, Notifications1765400000000, Privacy1765500000000, Imports1765600000000, Community1765700000000, PasswordResets1765800000000, ScaleIndexes1765900000000, DashboardIndexes1766000000000, ExpiryIndexes1766100000000, LedgerAppendOnly1766200000000, ListenersVersion1766300000000];
