// `npm run chaos`: whole journeys (register → demand → match → offer → accept → guarantee → loan →
// repayment) run at a steady rate while every service and the gateway is killed with SIGKILL and
// started again, the Kafka broker is killed and restarted, and FerretDB is killed and restarted —
// all on a stack this driver owns (own broker, own FerretDB, own ports). Then it waits for the
// system to settle and checks, through the gateway only, that every journey is complete and every
// count is exact; before the faults, the concurrent acceptOffer / disburseLoan races. Each bank and
// the guarantor have a webhook to a receiver of the driver's own: every complete journey's events
// must reach them signed, in order per aggregate, and only the institution concerned (./webhooks.ts).
// Exit code 0 only when nothing was violated. Profiles: `--profile full` (default, a few minutes)
// and `--profile short` (the version `npm test` runs). README "Chaos".
import { aUscc } from '@yinqi/testing';
import { chaosClient, pause, read } from './client';
import { newJourney, runJourney, STEPS, type Bank, type Journey, type World } from './journey';
import { runRaces, type RaceResult } from './races';
import { ChaosStack, portsFrom } from './stack';
import { verify } from './verify';
import { checkWebhooks, watchWebhooks, type WebhookWatch } from './webhooks';

interface Profile {
  /** New journeys per second while the faults run. */
  journeysPerSecond: number;
  /** At most this many journeys in flight. */
  maxInFlight: number;
  /** Rounds of the fault schedule (each: every service and the gateway, the broker, FerretDB). */
  faultRounds: number;
  /** Pause between two faults, and how long a killed process stays down. */
  gapMs: number;
  /** When set, a new fault starts every overlapMs without waiting for the previous one's recovery. */
  overlapMs?: number;
  downMs: number;
  /** Journeys keep starting this long after the last fault. */
  tailMs: number;
  /** Time after the stream for every journey to finish and every count to settle. */
  convergeMs: number;
  raceDemands: number;
  racePerDemand: number;
}

const PROFILES: Record<string, Profile> = {
  full: {
    journeysPerSecond: 1,
    maxInFlight: 24,
    faultRounds: 2,
    gapMs: 4_000,
    downMs: 1_500,
    tailMs: 10_000,
    convergeMs: 180_000,
    raceDemands: 50,
    racePerDemand: 20,
  },
  short: {
    journeysPerSecond: 1,
    maxInFlight: 12,
    faultRounds: 1,
    gapMs: 0,
    overlapMs: 2_000,
    downMs: 300,
    tailMs: 2_000,
    convergeMs: 120_000,
    raceDemands: 10,
    racePerDemand: 100,
  },
};

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const t0 = Date.now();
const log = (line: string) => process.stdout.write(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);

async function setUp(stack: ChaosStack, runTag: string): Promise<World> {
  const { call } = chaosClient(stack.gatewayUrl);
  const deadline = Date.now() + 120_000;
  const must = async (what: string, p: Promise<any>) => {
    const r = await p;
    if (!r.ok) throw new Error(`set-up ${what}: ${r.code} ${r.message}`);
    return r.data;
  };
  const admin = (
    await must(
      'admin login',
      call('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
        e: stack.env.ADMIN_EMAIL,
        p: stack.env.ADMIN_PASSWORD,
      }),
    )
  ).login.token as string;
  const officer = async (kind: 'BANK' | 'GUARANTOR', name: string) => {
    const inst = (
      await must(
        'createInstitution',
        call('mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }', { input: { kind, name } }, admin),
      )
    ).createInstitution.id as string;
    const email = `chaos-${kind.toLowerCase()}-${runTag}-${aUscc().slice(-6)}@test.yinqi.local`;
    await must(
      'createUser',
      call(
        'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
        { input: { email, password: 'chaos-officer-2026', role: `${kind}_OFFICER`, institutionId: inst } },
        admin,
      ),
    );
    const token = (
      await must(
        'officer login',
        call('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', { e: email, p: 'chaos-officer-2026' }),
      )
    ).login.token as string;
    return { token, institutionId: inst };
  };
  const journeyIndustry = `混沌五金-${runTag}`;
  const raceIndustry = `竞态汽摩-${runTag}`;
  const banks: Bank[] = [];
  for (const name of ['混沌测试银行甲大足支行', '混沌测试银行乙大足支行']) {
    const o = await officer('BANK', name);
    const publish = async (industry: string, label: string) => {
      for (;;) {
        const r = await call<any>(
          'mutation($input:ProductInput!){ publishProduct(input:$input){ id } }',
          {
            input: {
              name: label,
              minAmount: 100_000,
              maxAmount: 10_000_000,
              minTermMonths: 6,
              maxTermMonths: 36,
              annualRateMin: 3.45,
              annualRateMax: 4.35,
              industries: [industry],
              policyTags: ['GOV_BANK_GUARANTEE'],
            },
          },
          o.token,
        );
        if (r.ok) return r.data.publishProduct.id as string;
        // The product service learns the bank from institution events: CONFLICT/NOT_FOUND until then.
        if ((r.code !== 'CONFLICT' && r.code !== 'NOT_FOUND' && r.code !== 'FORBIDDEN') || Date.now() > deadline)
          throw new Error(`set-up publishProduct: ${r.code} ${r.message}`);
        await pause(200);
      }
    };
    banks.push({
      ...o,
      journeyProductId: await publish(journeyIndustry, '专精特新贷（混沌）'),
      raceProductId: await publish(raceIndustry, '设备更新贷（竞态）'),
    });
  }
  const guarantor = await officer('GUARANTOR', '混沌测试融资担保有限公司');
  // Products reach the matching engine through events: wait until both are in the catalogue everyone reads.
  await read(call, deadline, '{ products(first: 1){ totalCount } }', {}, admin);
  return { call, admin, banks, guarantor, journeyIndustry, raceIndustry };
}

interface FaultRecord {
  target: string;
  at: number;
  downMs: number;
  recoveryMs: number;
  error?: string;
}

async function main(): Promise<number> {
  const profileName = arg('profile') ?? process.env.CHAOS_PROFILE ?? 'full';
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`unknown profile "${profileName}" (full, short)`);
  if (arg('race-demands')) profile.raceDemands = Number(arg('race-demands'));
  if (arg('fault-rounds')) profile.faultRounds = Number(arg('fault-rounds'));
  if (arg('race-calls')) profile.racePerDemand = Number(arg('race-calls'));
  const base = Number(
    process.env.CHAOS_PORT_BASE ?? (process.env.TEST_SERVICE_PORT_BASE ? Number(process.env.TEST_SERVICE_PORT_BASE) + 110 : 4300),
  );
  const runTag = `c${Date.now().toString(36)}`;
  const stack = new ChaosStack(portsFrom(base), { dbPrefix: `yinqichaos_${runTag}`, topicPrefix: `yinqichaos-${runTag}` }, log);
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  log(
    `profile ${profileName}; own stack on ports ${base}… (gateway ${stack.ports.gateway}, Kafka ${stack.ports.kafka}, FerretDB ${stack.ports.ferret})`,
  );
  let hooks: WebhookWatch | undefined;
  try {
    await stack.start();
    log(`stack up: ${stack.unitNames.join(', ')} (data and logs: ${process.env.YINQI_DATA_DIR})`);
    const world = await setUp(stack, runTag);
    hooks = await watchWebhooks(world, Date.now() + 120_000);
    const journeyClient = chaosClient(stack.gatewayUrl);
    const violations: string[] = [];

    // 1. The races, on a quiet system.
    let races: RaceResult | null = null;
    if (profile.raceDemands > 0) {
      races = await runRaces(world, { demands: profile.raceDemands, perDemand: profile.racePerDemand, tag: runTag, log });
      violations.push(...races.violations);
    }

    // 2. Journeys at a steady rate while the faults run.
    const jw: World = { ...world, call: journeyClient.call };
    const journeys: Journey[] = [];
    const running = new Set<Promise<void>>();
    const faults: FaultRecord[] = [];
    let streaming = true;
    let journeyDeadline = Number.POSITIVE_INFINITY;
    const stream = (async () => {
      const interval = 1000 / profile.journeysPerSecond;
      for (let n = 0; streaming; n++) {
        while (running.size >= profile.maxInFlight) await Promise.race(running);
        const j = newJourney(n, jw, runTag);
        journeys.push(j);
        const p = runJourney(jw, j, Date.now() + 3_600_000)
          .catch((err: Error) => {
            j.failure = `${err.message} (demand ${j.demandId ?? '-'}, match ${j.matchId ?? '-'}, loan ${j.loanId ?? '-'})`;
          })
          .finally(() => running.delete(p));
        running.add(p);
        await pause(interval);
      }
    })();
    const progress = setInterval(() => {
      const at = new Map<string, number>();
      for (const j of journeys) {
        const k = j.done ? 'done' : j.failure ? 'failed' : `after ${STEPS.filter((s) => j.acked.has(s)).pop() ?? 'start'}`;
        at.set(k, (at.get(k) ?? 0) + 1);
      }
      log(`journeys: ${[...at].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    }, 15_000);
    const targets = [...stack.unitNames, 'kafka', 'ferretdb'];
    const inject = async (target: string) => {
      const rec: FaultRecord = { target, at: Date.now() - t0, downMs: profile.downMs, recoveryMs: 0 };
      try {
        if (target === 'kafka') rec.recoveryMs = await stack.restartKafka(profile.downMs);
        else if (target === 'ferretdb') rec.recoveryMs = await stack.restartFerret(profile.downMs);
        else rec.recoveryMs = await stack.killAndRestart(target, profile.downMs);
      } catch (err) {
        rec.error = (err as Error).message;
        violations.push(`${target} did not come back after kill -9: ${rec.error}`);
      }
      faults.push(rec);
      log(
        `fault ${faults.length}: kill -9 ${target}, down ${profile.downMs} ms, back in ${(rec.recoveryMs / 1000).toFixed(1)} s${rec.error ? ` — ${rec.error}` : ''} (journeys: ${journeys.length} started, ${journeys.filter((x) => x.done).length} done)`,
      );
    };
    const faultLoop = (async () => {
      await pause(3_000); // a few journeys under way first
      const inFlight: Promise<void>[] = [];
      for (let round = 0; round < profile.faultRounds; round++) {
        for (const target of targets) {
          // One after another (each back up before the next), or — with overlapMs — a new fault every
          // overlapMs whether or not the previous process is back yet.
          if (profile.overlapMs) {
            inFlight.push(inject(target));
            await pause(profile.overlapMs);
          } else {
            await inject(target);
            await pause(profile.gapMs);
          }
        }
      }
      await Promise.all(inFlight);
    })();
    await faultLoop;
    await pause(profile.tailMs);
    streaming = false;
    await stream;
    const streamEnd = Date.now();
    journeyDeadline = streamEnd + profile.convergeMs;
    log(`faults over; ${journeys.length} journeys started, waiting up to ${profile.convergeMs / 1000} s for them to finish`);
    // Every journey gets until the convergence deadline; one still running then is stuck.
    await Promise.race([Promise.all([...running]), pause(profile.convergeMs)]);
    clearInterval(progress);
    for (const j of journeys)
      if (!j.done && !j.failure)
        j.failure = `not finished ${profile.convergeMs / 1000} s after the faults (last step acked: ${STEPS.filter((s) => j.acked.has(s)).pop() ?? 'none'}; demand ${j.demandId ?? '-'}, match ${j.matchId ?? '-'}, loan ${j.loanId ?? '-'})`;
    for (const j of journeys) if (j.failure) violations.push(`journey ${j.n}: ${j.failure}`);
    await stack.allHealthy(60_000).catch((err: Error) => violations.push(err.message));

    // 3. Everything exact, through the gateway.
    const checked = await verify(
      jw,
      journeys.filter((j) => j.done),
      races,
      { deadline: Math.max(journeyDeadline, Date.now() + 60_000), log },
    );
    violations.push(...checked.violations);
    const hookCheck = await checkWebhooks(
      hooks,
      journeys.filter((j) => j.done),
      { deadline: Date.now() + 120_000, log },
    );
    violations.push(...hookCheck.violations);

    // 4. The summary.
    const acked = journeys.filter((j) => j.acked.has('repay'));
    const durations = journeys
      .filter((j) => j.done)
      .map((j) => j.finishedAt! - j.startedAt)
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      durations.length ? `${(durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]! / 1000).toFixed(1)} s` : '-';
    const rows: [string, string | number][] = [
      ['profile', profileName],
      ['journeys started', journeys.length],
      ['journeys acknowledged (repayment answered)', acked.length],
      ['journeys complete (verified)', checked.completeJourneys],
      ['acknowledged but not complete', acked.filter((j) => !checked.complete.has(j.n)).length],
      ['journey time p50 / p95 / max', `${pct(0.5)} / ${pct(0.95)} / ${pct(0.999)}`],
      ['mutations resent after a lost answer (state re-read first)', journeys.reduce((s, j) => s + j.resent, 0)],
      ['client calls / transport failures seen', `${journeyClient.stats.calls} / ${journeyClient.stats.transportFailures}`],
      ['faults injected (kill -9 + restart)', `${faults.length}: ${[...new Set(faults.map((f) => f.target))].join(', ')}`],
      [
        'slowest recovery',
        faults.length
          ? `${Math.max(...faults.map((f) => f.recoveryMs)) / 1000} s (${faults.reduce((a, f) => (f.recoveryMs > a.recoveryMs ? f : a)).target})`
          : '-',
      ],
      [
        'processes that exited on their own',
        stack.unplannedExits.length ? stack.unplannedExits.map((e) => `${e.name} at ${((e.at - t0) / 1000).toFixed(0)} s`).join(', ') : 0,
      ],
      ...checked.counts,
      ...hookCheck.rows,
    ];
    if (races) {
      rows.push(
        [
          'race acceptOffer calls (concurrent) / winners / CONFLICT',
          `${races.acceptCalls} / ${races.acceptWins} of ${races.demands.length} demands / ${races.acceptConflicts}`,
        ],
        [
          'race disburseLoan calls / loans / CONFLICT (rounds)',
          `${races.disburseCalls} / ${races.disburseWins} of ${races.demands.filter((d) => d.winner).length} matches / ${races.disburseConflicts} (${races.disburseRounds})`,
        ],
        ['race calls whose answer was lost (judged from the store)', races.unknown],
      );
    }
    rows.push(['violations', violations.length], ['wall time', `${((Date.now() - t0) / 1000).toFixed(1)} s`]);
    const w = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`\n${rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n')}\n\n`);
    if (violations.length) {
      process.stdout.write(
        `VIOLATIONS (${violations.length}):\n${violations
          .slice(0, 50)
          .map((v) => `  - ${v}`)
          .join('\n')}\n${violations.length > 50 ? `  … and ${violations.length - 50} more\n` : ''}`,
      );
      return 1;
    }
    process.stdout.write('chaos: every acknowledged journey complete, every count exact\n');
    return 0;
  } finally {
    await hooks?.stop();
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`chaos: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
