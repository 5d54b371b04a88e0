import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { Services } from '../services';

/** How often each instance plans the scheduled triggers (idempotent: job keys dedupe). */
const PLAN_SECONDS = 60;

/**
 * The clock of the server. Every `intervalSeconds` it runs the ledger maintenance
 * (pending → available, expiry, tier review) and the members' retention; every minute, while the job worker runs,
 * it plans the scheduled triggers and the daily segment refreshes onto the job queue. Both are idempotent and lock what
 * they change, so several instances running them at once do no harm.
 */
export function startScheduler(options: { dataSource: DataSource; services: Services; logger: Logger; intervalSeconds: number; retentionDays?: number; planTriggers: boolean }) {
  const { dataSource, services, logger, intervalSeconds } = options;
  const inFlight = new Set<Promise<void>>();
  // One run of each kind of work at a time per process; a failure is logged, not thrown.
  const single = (work: () => Promise<void>) => {
    let running: Promise<void> | null = null;
    return () => {
      if (running) return running;
      const run = work()
        .catch((err) => logger.error({ err }, 'scheduled work failed'))
        .finally(() => {
          running = null;
          inFlight.delete(run);
        });
      running = run;
      inFlight.add(run);
      return run;
    };
  };
  const maintain = single(async () => {
    const report = await services.maintenance.run(dataSource);
    if (report.accounts || report.tierChanges) logger.info(report, 'ledger maintenance');
    const anonymised = await services.privacy.anonymiseInactive(dataSource, options.retentionDays ?? 0);
    if (anonymised) logger.info({ anonymised }, 'members past the retention period anonymised');
    await services.rewards.coupons.expireDue(dataSource);
  });
  const plan = single(async () => {
    const planned = (await services.scheduledTriggers.plan(dataSource)) + (await services.segments.plan(dataSource));
    if (planned) logger.info({ planned }, 'scheduled triggers planned');
  });
  const timers = [intervalSeconds > 0 ? setInterval(maintain, intervalSeconds * 1000) : null, options.planTriggers ? setInterval(plan, PLAN_SECONDS * 1000) : null];
  for (const timer of timers) timer?.unref();
  if (options.planTriggers) void plan();
  return {
    tick: maintain,
    async stop() {
      for (const timer of timers) if (timer) clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
