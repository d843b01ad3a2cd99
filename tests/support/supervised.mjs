// Runs a piece of the launcher on its own, for tests/deploy/launcher-supervision.int.test.ts:
//   node tests/support/supervised.mjs stack <servicePortBase> <gatewayPort> <dbPrefix> <topicPrefix>
//     the launcher's startStack (YINQI_ONLY_SERVICES picks the services) against MONGO_URL/KAFKA_BROKERS
//   node tests/support/supervised.mjs ferretdb <port> <dataDir>
//     the launcher's startFerret on its own port and data folder
//   node tests/support/supervised.mjs flaky <initialMs> <maxMs> <restarts>
//     a Supervised child that exits 50 ms after each start; stops after <restarts> restarts
// It prints the launcher's own lines, then `READY {"name": pid, …}`; SIGTERM stops what it started.
import { spawn } from 'node:child_process';
import { startFerret } from '../../infra/launcher/ferretdb.mjs';
import { startStack, stackEnv } from '../../infra/launcher/stack.mjs';
import { Supervised } from '../../infra/launcher/supervisor.mjs';
import { stopProcess } from '../../infra/launcher/util.mjs';

const [mode, ...args] = process.argv.slice(2);
let units = [];
const stop = async () => {
  await Promise.all(units.map((u) => stopProcess(u, 10_000)));
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
const ready = () => process.stdout.write(`READY ${JSON.stringify(Object.fromEntries(units.map((u) => [u.processName, u.pid])))}\n`);

if (mode === 'stack') {
  const [servicePortBase, gatewayPort, dbPrefix, topicPrefix] = args;
  const env = stackEnv({
    mongoUrl: process.env.MONGO_URL,
    brokers: process.env.KAFKA_BROKERS.split(','),
    namespace: { dbPrefix, topicPrefix },
    gatewayPort: Number(gatewayPort),
    servicePortBase: Number(servicePortBase),
    nodeEnv: 'test',
  });
  units = await startStack(env, {
    gatewayPort: Number(gatewayPort),
    servicePortBase: Number(servicePortBase),
    logSuffix: `.supervision-${gatewayPort}`,
  });
  ready();
} else if (mode === 'ferretdb') {
  const [port, dataDir] = args;
  const { child } = await startFerret({ port: Number(port), dataDir, logName: `ferretdb-supervision-${port}` });
  if (!child) throw new Error(`a server already answers on ${port}: this test needs its own FerretDB`);
  units = [child];
  ready();
} else if (mode === 'flaky') {
  const [initialMs, maxMs, restarts] = args.map(Number);
  const flaky = new Supervised(
    'flaky',
    () => spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 50)'], { stdio: 'ignore' }),
    {
      backoff: { initialMs, maxMs, stableMs: 60_000 },
      say: (line) => {
        process.stdout.write(`${Date.now()} ${line}\n`);
        if (flaky.restarts >= restarts) void flaky.stop().then(() => process.stdout.write(`${Date.now()} STOPPED\n`));
      },
    },
  );
  const start = flaky.start.bind(flaky);
  flaky.start = () => {
    const child = start();
    process.stdout.write(`${Date.now()} START ${child.pid}\n`);
    return child;
  };
  flaky.start();
  flaky.watch();
  units = [flaky];
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
