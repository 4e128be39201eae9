/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { signPlatformToken } from '@app/auth';
import { generateSecrets } from '@app/config';
import { createBenchTrip } from '../lib/api';
import { Cluster, Member, terminateConnections } from './cluster';
import { Check, checkInvariants, compareSnapshots, snapshotReadModels } from './invariants';
import { newOutcomes, runWorkload } from './workload';

/**
 * `npm run chaos`: two API processes, a worker and a Redis of their own, on a database of its
 * own, under a mixed workload of CHAOS_OPERATIONS operations (default 100,000) while API
 * processes, the worker and Redis are SIGKILLed at random moments and Postgres connections are
 * terminated. Then it checks, from the event log and the read models, what must always hold,
 * and prints the figures. Loopback only; bounded by CHAOS_MAX_SECONDS.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run chaos
 */
const OPERATIONS = Number(process.env.CHAOS_OPERATIONS ?? 100_000);
const MAX_SECONDS = Number(process.env.CHAOS_MAX_SECONDS ?? 900);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 40);
const TRIPS = Number(process.env.CHAOS_TRIPS ?? 40);
const CONFIRMATIONS = Number(process.env.CHAOS_CONFIRMATIONS ?? 1500);
const FAULT_EVERY_MS = Number(process.env.CHAOS_FAULT_EVERY_MS ?? 4000);
const HOLD_TTL_SECONDS = 20;
const PAYMENT_WINDOW_SECONDS = 30;
const SWEEP_SECONDS = 2;
/** How late past its expiry a hold or booking may still be seen ending. */
const GRACE_MS = (3 * SWEEP_SECONDS + 5) * 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** An SMTP server in this process that counts what it receives by Message-ID. */
async function startMailSink(received: Map<string, number>) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const headers = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const messageId = /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '(none)';
        received.set(messageId, (received.get(messageId) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await freePort();
  // A sender killed mid-message resets its connection: expected here, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `chaos_${Date.now()}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const admin = new Pool({ connectionString: serverUrl, max: 2 });
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => undefined); // its connections are terminated too
  const dataDir = mkdtempSync(join(tmpdir(), 'chaos-'));
  const received = new Map<string, number>();
  const mail = await startMailSink(received);
  const secrets = generateSecrets();
  const apiPorts = [await freePort(), await freePort()];
  const cluster = new Cluster({
    databaseUrl,
    redisPort: await freePort(),
    apiPorts,
    smtpUrl: mail.url,
    dataDir,
    env: {
      ...secrets,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      PAYMENT_PROVIDER: 'demo',
      DATABASE_POOL_SIZE: '8',
      SEAT_LOCK_TTL_SECONDS: String(HOLD_TTL_SECONDS),
      SEAT_LOCK_MAX_LIFETIME_SECONDS: String(3 * HOLD_TTL_SECONDS),
      BOOKING_PAYMENT_WINDOW_SECONDS: String(PAYMENT_WINDOW_SECONDS),
      SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS),
      TICKET_MAIL_SWEEP_AFTER_SECONDS: '15',
      TICKET_EMAIL_BACKOFF_MS: '1000',
      BOOKING_RATE_LIMIT_PER_MINUTE: '10000',
    },
  });
  const started = Date.now();
  const faults = new Map<string, number>();
  const bump = (what: string) => faults.set(what, (faults.get(what) ?? 0) + 1);
  let checks: Check[] = [];
  const outcomes = newOutcomes();
  let workloadSeconds = 0;
  try {
    console.log(`database ${database}, logs in ${dataDir}; starting the cluster…`);
    await cluster.start();
    const base = `http://127.0.0.1:${apiPorts[0]}`;
    const sign = (roles: ('user' | 'admin')[]) =>
      signPlatformToken({
        secret: secrets.AUTH_JWT_SECRET,
        sub: crypto.randomUUID(),
        roles,
        expiresInSeconds: 2 * MAX_SECONDS,
      });
    const adminToken = await sign(['admin']);
    const trips = await Promise.all(
      Array.from({ length: TRIPS }, () => createBenchTrip(base, adminToken)),
    );
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, () => sign(['user'])));

    // Faults at random moments while the workload runs; a killed process comes back shortly.
    let running = true;
    const restarts: Promise<void>[] = [];
    const busy = new Set<Member>();
    const killAndRestart = (member: Member, downMs: number) => {
      busy.add(member);
      bump(`SIGKILL ${member.name.replace(/-\d+$/, '')}`);
      restarts.push(
        (async () => {
          await member.kill();
          await sleep(downMs);
          // A process that cannot start (its port still taken, say) is given a few more tries.
          for (let attempt = 1; ; attempt++) {
            try {
              await member.start();
              break;
            } catch (error) {
              if (attempt >= 3) throw error;
              bump(`failed starts of ${member.name}`);
              await sleep(1000);
            }
          }
          busy.delete(member);
        })(),
      );
    };
    const injecting = (async () => {
      while (running) {
        await sleep(between(0.5, 1.5) * FAULT_EVERY_MS);
        if (!running) break;
        const roll = Math.random();
        const upApis = cluster.apis.filter((a) => a.running && !busy.has(a));
        if (roll < 0.3 && upApis.length === cluster.apis.length) {
          killAndRestart(upApis[Math.floor(Math.random() * upApis.length)], between(200, 1500));
        } else if (roll < 0.5 && !busy.has(cluster.worker)) {
          killAndRestart(cluster.worker, between(200, 3000));
        } else if (roll < 0.7 && !busy.has(cluster.redis)) {
          killAndRestart(cluster.redis, between(500, 3000));
        } else {
          const n = await terminateConnections(admin, database, 0.5).catch(() => 0);
          bump('Postgres connections terminated');
          faults.set('(connections)', (faults.get('(connections)') ?? 0) + n);
        }
      }
    })();

    const loadStarted = Date.now();
    const progress = setInterval(() => {
      const done = [...outcomes.answers.values()].reduce((a, b) => a + b, 0);
      console.log(
        `  ${Math.round((Date.now() - loadStarted) / 1000)} s: ${done} operations, faults ${JSON.stringify(Object.fromEntries(faults))}`,
      );
    }, 30_000);
    await runWorkload({
      apiPorts,
      trips,
      tokens,
      operations: OPERATIONS,
      deadline: started + MAX_SECONDS * 1000,
      confirmations: CONFIRMATIONS,
      outcomes,
      openTrip: async () => {
        // Whichever API process is up; one may be down for a while.
        for (let attempt = 0; ; attempt++) {
          const port = apiPorts[attempt % apiPorts.length];
          try {
            return await createBenchTrip(`http://127.0.0.1:${port}`, adminToken);
          } catch (error) {
            if (attempt >= 20) throw error;
            await sleep(300);
          }
        }
      },
    });
    clearInterval(progress);
    workloadSeconds = (Date.now() - loadStarted) / 1000;
    running = false;
    await injecting;
    await Promise.all(restarts);
    for (const member of cluster.members) if (!member.running) await member.start();

    // Quiet: every hold and pending booking has expired (the worker ends them) and every
    // confirmation's mail is out.
    console.log(`workload done in ${workloadSeconds.toFixed(0)} s; letting the cluster settle…`);
    const settleUntil =
      Date.now() + (3 * HOLD_TTL_SECONDS + PAYMENT_WINDOW_SECONDS) * 1000 + GRACE_MS;
    for (;;) {
      const { rows } = await db.query<{ open: string }>(
        `SELECT (SELECT count(*) FROM seat_holds WHERE status = 'active')
              + (SELECT count(*) FROM bookings WHERE status = 'pending')
              + (SELECT count(*) FROM bookings WHERE ticket_mail_due_at IS NOT NULL) AS open`,
      );
      if (Number(rows[0].open) === 0 || Date.now() > settleUntil + 120_000) break;
      await sleep(2000);
    }
    await sleep(3000); // mails in flight reach the sink
    checks = await checkInvariants(db, outcomes, received, GRACE_MS);

    await cluster.stop();
    const before = await snapshotReadModels(db);
    const rebuild = spawnSync(
      process.execPath,
      [resolve(__dirname, '../../scripts/rebuild-projections.js')],
      {
        env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      },
    );
    if (rebuild.status !== 0) throw new Error(`rebuild failed: ${rebuild.stderr}`);
    checks.push(compareSnapshots(before, await snapshotReadModels(db)));
  } finally {
    await cluster.stop().catch(() => undefined);
    await mail.close();
    await db.end();
    if (!process.env.CHAOS_KEEP) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.end();
  }

  const unexpected = cluster.members.flatMap((m) => m.unexpectedExits);
  const mails = [...received.values()].reduce((a, b) => a + b, 0);
  const ticketMails = [...received.keys()].filter((id) => id.startsWith('<ticket.')).length;
  console.log(
    `\nchaos run ${new Date().toISOString()}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  );
  const operations = [...outcomes.answers.values()].reduce((a, b) => a + b, 0);
  const unanswered = [...outcomes.unanswered.values()].reduce((a, b) => a + b, 0);
  console.log(
    `operations: ${operations + unanswered} (${outcomes.requests} requests) in ${workloadSeconds.toFixed(0)} s by ${CLIENTS} clients over ${TRIPS} trips at a time (${TRIPS + outcomes.trips.length} in all); unanswered after retries: ${unanswered}`,
  );
  console.table(
    [...outcomes.answers.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([answer, count]) => ({ answer, count })),
  );
  console.log(`5xx answers: ${JSON.stringify(Object.fromEntries(outcomes.serverErrors))}`);
  console.log(`faults injected: ${JSON.stringify(Object.fromEntries(faults))}`);
  console.log(`unexpected process exits: ${unexpected.length ? unexpected.join('; ') : 'none'}`);
  console.log(
    `mail received: ${mails} messages, ${ticketMails} distinct ticket deliveries, ${mails - received.size} recognised duplicates`,
  );
  console.table(
    checks.map((c) => ({
      invariant: c.invariant,
      checked: c.checked,
      violations: c.violations.length,
    })),
  );
  const violations = checks.flatMap((c) => c.violations);
  for (const v of violations.slice(0, 20)) console.log(`  ✗ ${v}`);
  console.log(`violations: ${violations.length}`);
  if (violations.length === 0 && unexpected.length === 0 && !process.env.CHAOS_KEEP)
    rmSync(dataDir, { recursive: true, force: true });
  else console.log(`process logs kept in ${dataDir}`);
  process.exit(violations.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
