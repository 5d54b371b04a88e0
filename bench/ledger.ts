import { randomUUID } from 'node:crypto';
import { createPool, type Pool } from 'mysql2/promise';
import type { App } from '../server/src/app';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { benchDatabase } from './bench-database';
import { AS_DEPLOYED } from './as-deployed';
import { startHttpLoad } from './http-load';
import { sha256 } from '../server/src/auth/secrets';
import { onStatement } from '../server/src/db/query-stats';
import { random } from '../server/src/seed/demo';
import { CAMPAIGN_POINTS, rawPurchaseAsPatron, rawRedeemAsPatron, TRACE, type ActiveCampaign, type Conn } from './ledger-as-patron';
import { runOpenLoop, runPool, summarize, type Measurement } from './measure';

/**
 * The ledger write path measured two ways on the same database, at the same concurrency:
 * Patron's recordPurchase / redeemPoints over HTTP + GraphQL, and a raw mysql2 script
 * that issues the minimum SQL for the same work in the same transactions (the floor).
 */
export interface LedgerBenchOptions {
  databaseUrl: string;
  concurrency: number;
  requests: number;
  members: number;
  /** Alternating turns of every row (default 1), each row reported at its median turn. */
  turns?: number;
}

/** Calls of each kind before the first measured row (with 1,000 the first turn ran at 71-78 % of its floor, the others at 91-106 %). */
const WARM_UP = 3000;

/** Requests per open-loop row: two seconds at 1,000 events/s. */
const OPEN_LOOP_REQUESTS = 2000;

/** The campaign active during the campaign rows: ten points on every purchase. */
export const TEN_A_VISIT = {
  nodes: [
    { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
    { id: 'a', kind: 'action.awardPoints', params: { amount: 10 }, position: { x: 240, y: 0 } },
  ],
  edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }],
};

export const GRAPHQL_PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on PurchaseRecorded { pointsEarned } } }`;
export const GRAPHQL_REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename } }`;

export async function ledgerBench(options: LedgerBenchOptions) {
  // Against raw mysql2: MySQL/MariaDB only.
  const benchDb = await benchDatabase(options.databaseUrl, 'patron_bench', 'the ledger benchmark');
  const database = benchDb.server;
  const poolSize = 10;
  let app: App | undefined;
  // Multiple statements for the rows that send Patron's packets (ledger-as-patron.ts); the floors send one at a time.
  const raw = createPool({ ...benchDb.connection, connectionLimit: poolSize, timezone: 'Z', multipleStatements: true });
  try {
    app = await createApp(
      loadConfig({ ...AS_DEPLOYED, DATABASE_URL: benchDb.url, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: String(poolSize) }),
    );
    const base = await app.listen();
    const { services, dataSource } = app;
    const program = await services.programs.create(dataSource.manager, { code: 'bench', name: 'Bench', isDefault: true });
    const { secret } = await services.auth.createApiKey(dataSource.manager, { name: 'bench', scopes: ['members:write', 'purchases:write', 'points:redeem'] }, null);
    const memberIds: number[] = [];
    for (let i = 0; i < options.members; i++) memberIds.push((await services.members.create(dataSource.manager, { externalId: `B-${i}` })).member.id);
    const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

    const load = startHttpLoad();
    const send = (query: string, count: number, variables: (i: number) => unknown, ratePerSecond?: number) =>
      load.run({
        url: `${base}/graphql`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        bodies: Array.from({ length: count }, (_, i) => JSON.stringify({ query, variables: variables(i) })),
        concurrency: options.concurrency,
        expect: ['"PurchaseRecorded"', '"PointsRedeemed"'],
        ratePerSecond,
      });

    const results: Record<string, Measurement> = {};
    const perTurn: Record<string, number[]> = {};
    const openP99PerTurn: Record<string, number[]> = {};
    const turns = options.turns ?? 1;
    const purchaseInput = (externalId: string, memberId: number, i: number) => ({
      externalId,
      memberId: gid('Member', memberId),
      totalMinor: 500_00 + (i % 1000),
      currency: 'RUB',
      channel: 'STORE',
      items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }],
    });
    const rates = { purchaseHalf: 0, redeemHalf: 0 };
    let purchaseStatements = 0;
    let redeemStatements = 0;
    try {
      // Warm up every path (JIT, pools, plans) before measuring: with 200 calls the first row
      // still ran partly unoptimised code (hot members, measured next, came out faster than it).
      await send(GRAPHQL_PURCHASE, WARM_UP, (i) => ({ input: { externalId: `W-${i}`, memberId: gid('Member', memberIds[i % memberIds.length]), totalMinor: 1000_00, currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } }));
      await send(GRAPHQL_REDEEM, WARM_UP / 2, (i) => ({ input: { externalId: `WX-${i}`, memberId: gid('Member', memberIds[i % memberIds.length]), points: 5 } }));
      await runPool(WARM_UP, options.concurrency, (i) => rawPurchase(raw, `WR-${i}`, memberIds[i % memberIds.length], program.id, 1000_00));
      await runPool(WARM_UP / 2, options.concurrency, (i) => rawRedeem(raw, `WRX-${i}`, memberIds[i % memberIds.length], program.id, 5));

      // Each pair is measured in alternating turns and reported at its median turn: this host's
      // neighbours come and go within seconds, and one run of each side would compare two machines.
      const keyHash = sha256(secret);
      const hot = zipfIndexes(options.requests, memberIds.length);
      await measureInTurns(turns, results, perTurn, {
        patronPurchase: (t) => send(GRAPHQL_PURCHASE, options.requests, (i) => ({ input: purchaseInput(`P${t}-${i}`, memberIds[i % memberIds.length], i) })),
        rawPurchase: (t) => runPool(options.requests, options.concurrency, (i) => rawPurchase(raw, `R${t}-${i}`, memberIds[i % memberIds.length], program.id, 500_00 + (i % 1000))),
        // Patron's own statements in Patron's packets, through raw mysql2: what Patron would cost if its code took no time.
        rawPurchaseAsPatron: (t) => runPool(options.requests, options.concurrency, (i) => rawPurchaseAsPatron(raw, keyHash, `RP${t}-${i}`, memberIds[i % memberIds.length], program.id, 500_00 + (i % 1000))),
        // The same purchases with hot members: a Zipf law, as regulars at a busy till.
        patronPurchaseSkewed: (t) => send(GRAPHQL_PURCHASE, options.requests, (i) => ({ input: purchaseInput(`Z${t}-${i}`, memberIds[hot[i]], i) })),
        rawPurchaseSkewed: (t) => runPool(options.requests, options.concurrency, (i) => rawPurchase(raw, `RZ${t}-${i}`, memberIds[hot[i]], program.id, 500_00 + (i % 1000))),
        patronRedeem: (t) => send(GRAPHQL_REDEEM, options.requests, (i) => ({ input: { externalId: `X${t}-${i}`, memberId: gid('Member', memberIds[i % memberIds.length]), points: 5 } })),
        rawRedeem: (t) => runPool(options.requests, options.concurrency, (i) => rawRedeem(raw, `RX${t}-${i}`, memberIds[i % memberIds.length], program.id, 5)),
        rawRedeemAsPatron: (t) => runPool(options.requests, options.concurrency, (i) => rawRedeemAsPatron(raw, keyHash, `RXP${t}-${i}`, memberIds[i % memberIds.length], program.id, 5)),
      });

      // Statements of one call each, counted while no campaign is active.
      purchaseStatements = await statementsOf(() => services.purchases.record(dataSource, countedPurchase('COUNT-1', memberIds[0]), { kind: 'system', id: null }));
      redeemStatements = await statementsOf(() => services.checkout.redeem(dataSource, { externalId: 'COUNT-X', memberId: memberIds[0], points: 1 }, { kind: 'system', id: null }));

      // The same purchases with a campaign active (ten points a visit), as the issue asks.
      const created = await services.campaigns.create(dataSource.manager, { name: 'Ten a visit', graph: TEN_A_VISIT }, null);
      const { version } = await services.campaigns.publish(dataSource.manager, created.id, null, null);
      const campaign = { id: created.id, version: version.number };
      await measureInTurns(turns, results, perTurn, {
        patronPurchaseCampaign: (t) => send(GRAPHQL_PURCHASE, options.requests, (i) => ({ input: purchaseInput(`PC${t}-${i}`, memberIds[i % memberIds.length], i) })),
        rawPurchaseCampaign: (t) => runPool(options.requests, options.concurrency, (i) => rawPurchase(raw, `RC${t}-${i}`, memberIds[i % memberIds.length], program.id, 500_00 + (i % 1000), campaign)),
        rawPurchaseCampaignAsPatron: (t) =>
          runPool(options.requests, options.concurrency, (i) => rawPurchaseAsPatron(raw, keyHash, `RCP${t}-${i}`, memberIds[i % memberIds.length], program.id, 500_00 + (i % 1000), campaign)),
      });

      // Latency at a fixed arrival rate (open loop), as the issue asks: 1,000 events/s, in
      // alternating turns with the floor at the same rate (in this process, with no server
      // between: what the least SQL for the same work answers at that rate on this box), each
      // row at its median turn by p99; and once at half of what this box sustains in the rows
      // above, where the server is not saturated.
      const purchaseAt = (tag: string) => (i: number) => ({ input: purchaseInput(`${tag}-${i}`, memberIds[i % memberIds.length], i) });
      const redeemAt = (tag: string) => (i: number) => ({ input: { externalId: `${tag}-${i}`, memberId: gid('Member', memberIds[i % memberIds.length]), points: 5 } });
      await measureInTurns(
        turns,
        results,
        openP99PerTurn,
        {
          openPurchaseCampaignAt1000: (t) => send(GRAPHQL_PURCHASE, OPEN_LOOP_REQUESTS, purchaseAt(`OP${t}`), 1000),
          openRawPurchaseCampaignAt1000: (t) => runOpenLoop(OPEN_LOOP_REQUESTS, 1000, (i) => rawPurchase(raw, `ROP${t}-${i}`, memberIds[i % memberIds.length], program.id, 500_00 + (i % 1000), campaign)),
          openRedeemAt1000: (t) => send(GRAPHQL_REDEEM, OPEN_LOOP_REQUESTS, redeemAt(`OX${t}`), 1000),
          openRawRedeemAt1000: (t) => runOpenLoop(OPEN_LOOP_REQUESTS, 1000, (i) => rawRedeem(raw, `ROX${t}-${i}`, memberIds[i % memberIds.length], program.id, 5)),
        },
        'p99Ms',
      );
      const halfPurchase = Math.max(10, Math.round(options.requests / (results.patronPurchaseCampaign.wallMs / 1000) / 2));
      const halfRedeem = Math.max(10, Math.round(options.requests / (results.patronRedeem.wallMs / 1000) / 2));
      results.openPurchaseCampaignAtHalf = await send(GRAPHQL_PURCHASE, Math.min(OPEN_LOOP_REQUESTS, halfPurchase * 5), purchaseAt('OH'), halfPurchase);
      results.openRedeemAtHalf = await send(GRAPHQL_REDEEM, Math.min(OPEN_LOOP_REQUESTS, halfRedeem * 5), redeemAt('OXH'), halfRedeem);
      rates.purchaseHalf = halfPurchase;
      rates.redeemHalf = halfRedeem;
    } finally {
      await load.close();
    }

    const campaignStatements = await statementsOf(() => services.purchases.record(dataSource, countedPurchase('COUNT-C', memberIds[1]), { kind: 'system', id: null }));
    const [[version]] = (await raw.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];

    return {
      database: version.v,
      concurrency: options.concurrency,
      requests: options.requests,
      members: options.members,
      turns: options.turns ?? 1,
      // Requests per second of every row in each turn, in the order run.
      perTurn,
      // The open-loop rows' p99 in each turn.
      openP99PerTurn,
      poolSize,
      // Patron and the raw scripts reach the database the same way: TCP, or its Unix socket (`?socket=` in the URL).
      transport: database.socketPath ? `Unix socket ${database.socketPath}` : `TCP ${database.host}:${database.port}`,
      statementsPerRequest: { patronPurchase: purchaseStatements, rawPurchase: 7, rawPurchaseAsPatron: '8 + 2', patronRedeem: redeemStatements, rawRedeem: 8, rawRedeemAsPatron: '8 + 2', patronPurchaseCampaign: campaignStatements, rawPurchaseCampaign: 10, rawPurchaseCampaignAsPatron: '12 + 2' },
      openLoopRates: { full: 1000, ...rates },
      results: Object.fromEntries(Object.entries(results).map(([key, m]) => [key, summarize(m)])),
    };
  } finally {
    await app?.close();
    await raw.end();
    await benchDb.drop();
  }
}

/**
 * Runs each row once per turn, the rows in the same order every turn, and keeps in `results`
 * each row's median turn by `by` (throughput, or the open-loop rows' p99; its other figures
 * with it) and in `perTurn` that figure for every turn.
 */
async function measureInTurns(turns: number, results: Record<string, Measurement>, perTurn: Record<string, number[]>, rows: Record<string, (turn: number) => Promise<Measurement>>, by: 'perSecond' | 'p99Ms' = 'perSecond') {
  const runs: Record<string, Measurement[]> = {};
  for (let turn = 0; turn < turns; turn++) {
    for (const [key, row] of Object.entries(rows)) (runs[key] ??= []).push(await row(turn));
  }
  for (const [key, measured] of Object.entries(runs)) {
    const figures = measured.map((m) => summarize(m)[by]);
    perTurn[key] = figures;
    const middle = [...figures].sort((a, b) => a - b)[Math.floor((figures.length - 1) / 2)];
    results[key] = measured[figures.indexOf(middle)];
  }
}

/**
 * The statements `work` sends, counted process-wide (nothing else runs meanwhile): a count
 * by AsyncLocalStorage would leave Node's promise hooks on for the rows measured after it.
 */
async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  let statements = 0;
  const stop = onStatement(() => (statements += 1));
  try {
    await work();
  } finally {
    stop();
  }
  return statements;
}

const countedPurchase = (externalId: string, memberId: number) => ({ externalId, memberId, totalMinor: 100_00, currency: 'RUB', channel: 'store' as const, items: [{ sku: 'LATTE', quantity: 1, unitPriceMinor: 100_00 }] });

/**
 * Which member each request goes to, drawn from a Zipf law with exponent 1.1 over the
 * members (the hottest gets about a fifth of the requests), from a fixed seed so that runs
 * compare.
 */
export function zipfIndexes(count: number, members: number, exponent = 1.1, seed = 42): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= members; k++) cumulative.push((total += 1 / k ** exponent));
  const { next } = random(seed);
  return Array.from({ length: count }, () => {
    const target = next() * total;
    let low = 0;
    let high = members - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  });
}

/** The floor: the least SQL that records a purchase and earns its points, in one transaction. */
export async function rawPurchase(pool: Pool, externalId: string, memberId: number, programId: number, totalMinor: number, campaign?: ActiveCampaign) {
  await inTransaction(pool, async (conn) => {
    const now = new Date();
    const points = Math.floor(totalMinor / 100);
    const [purchase] = (await conn.query(
      'INSERT INTO purchases (externalId, requestHash, memberId, programId, totalMinor, currency, channel, pointsEarned, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [externalId, 'x', memberId, programId, totalMinor, 'RUB', 'store', points, now, now],
    )) as unknown as [{ insertId: number }];
    await conn.query('INSERT INTO purchase_items (purchaseId, sku, name, quantity, unitPriceMinor) VALUES (?, ?, ?, ?, ?)', [purchase.insertId, 'LATTE', '', 2, 250_00]);
    let [rows] = (await conn.query('SELECT id, available, pending, debt FROM loyalty_accounts WHERE memberId = ? AND programId = ? FOR UPDATE', [memberId, programId])) as unknown as [{ id: number; available: number; pending: number; debt: number }[]];
    if (rows.length === 0) {
      await conn.query('INSERT INTO loyalty_accounts (memberId, programId, joinedAt, updatedAt) VALUES (?, ?, ?, ?)', [memberId, programId, now, now]);
      [rows] = (await conn.query('SELECT id, available, pending, debt FROM loyalty_accounts WHERE memberId = ? AND programId = ? FOR UPDATE', [memberId, programId])) as unknown as [{ id: number; available: number; pending: number; debt: number }[]];
    }
    const account = rows[0];
    const extra = campaign ? CAMPAIGN_POINTS : 0;
    await conn.query('UPDATE loyalty_accounts SET available = available + ?, lifetimePoints = lifetimePoints + ?, purchaseCount = purchaseCount + 1, lifetimeSpendMinor = lifetimeSpendMinor + ?, lastPurchaseAt = ?, updatedAt = ? WHERE id = ?', [points + extra, points + extra, totalMinor, now, now, account.id]);
    const [entry] = (await conn.query(
      'INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, purchaseId, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [account.id, memberId, programId, 'earn', 'purchase', points, account.available + points, account.pending, account.debt, purchase.insertId, now, now],
    )) as unknown as [{ insertId: number }];
    await conn.query('INSERT INTO point_lots (accountId, entryId, purchaseId, points, remaining, state, availableAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [account.id, entry.insertId, purchase.insertId, points, points, 'available', now, now]);
    if (campaign) {
      // The trace of the campaign that fired, and its own entry and lot. Which campaigns run is
      // known without a read: it changes when staff change it, not with each purchase, and
      // Patron reads it once per change too (rules/listeners-version.ts).
      await conn.query(TRACE, [randomUUID(), campaign.id, campaign.version, memberId, 'purchase', '[]', now]);
      await earnCampaignPoints(conn, campaign, account.id, memberId, programId, purchase.insertId, account.available + points + extra, account, now);
    }
  });
}

/** The floor for a redemption: lock, take from the soonest-expiring lots, write the entry and the redemption. */
async function rawRedeem(pool: Pool, externalId: string, memberId: number, programId: number, points: number) {
  await inTransaction(pool, async (conn) => {
    const now = new Date();
    const [[account]] = (await conn.query('SELECT id, available, pending, debt FROM loyalty_accounts WHERE memberId = ? AND programId = ? FOR UPDATE', [memberId, programId])) as unknown as [{ id: number; available: number; pending: number; debt: number }[]];
    if (account.available < points) throw new Error('insufficient');
    const [lots] = (await conn.query("SELECT id, remaining FROM point_lots WHERE accountId = ? AND state = 'available' AND remaining > 0 ORDER BY neverExpires, expiresAt, id LIMIT 5", [account.id])) as unknown as [{ id: number; remaining: number }[]];
    let left = points;
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      left -= take;
      await conn.query('UPDATE point_lots SET remaining = remaining - ? WHERE id = ?', [take, lot.id]);
    }
    await conn.query('UPDATE loyalty_accounts SET available = available - ?, updatedAt = ? WHERE id = ? AND available >= ?', [points, now, account.id, points]);
    const [entry] = (await conn.query(
      'INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [account.id, memberId, programId, 'redeem', 'checkout', -points, account.available - points, account.pending, account.debt, now, now],
    )) as unknown as [{ insertId: number }];
    await conn.query('INSERT INTO redemptions (externalId, requestHash, accountId, points, valueMinor, entryId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)', [externalId, 'x', account.id, points, points * 100, entry.insertId, now]);
  });
}

/** Runs `work` in a transaction on one pooled connection. */
async function inTransaction(pool: Pool, work: (conn: Conn) => Promise<void>) {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    await work(conn);
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}

/** The campaign's own earn entry and lot, its balance already counted on the account. */
async function earnCampaignPoints(conn: Conn, campaign: ActiveCampaign, accountId: number, memberId: number, programId: number, purchaseId: number, availableAfter: number, account: { pending: number; debt: number }, now: Date) {
  const [entry] = (await conn.query(
    'INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, purchaseId, campaignId, campaignVersion, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, memberId, programId, 'earn', 'campaign', CAMPAIGN_POINTS, availableAfter, account.pending, account.debt, purchaseId, campaign.id, campaign.version, now, now],
  )) as unknown as [{ insertId: number }];
  await conn.query('INSERT INTO point_lots (accountId, entryId, purchaseId, points, remaining, state, availableAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [accountId, entry.insertId, purchaseId, CAMPAIGN_POINTS, CAMPAIGN_POINTS, 'available', now, now]);
}
