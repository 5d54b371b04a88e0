import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { Services } from '../services';

/**
 * The simple periodic runner of the loyalty core: every interval it releases pending
 * points, expires what is past its date and, on review days, reviews tiers. The work is
 * idempotent and locks per account, so two instances running it at once do no harm.
 * (The flow engine replaces this with the durable job queue.)
 */
export function startScheduler(options: { dataSource: DataSource; services: Services; logger: Logger; intervalSeconds: number }) {
  const { dataSource, services, logger, intervalSeconds } = options;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return running;
    running = services.maintenance
      .run(dataSource)
      .then((report) => {
        if (report.accounts || report.tierChanges) logger.info(report, 'ledger maintenance');
      })
      .catch((err) => logger.error({ err }, 'ledger maintenance failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = intervalSeconds > 0 ? setInterval(tick, intervalSeconds * 1000) : null;
  timer?.unref();
  return {
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
