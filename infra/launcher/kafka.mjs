// A real single-node Apache Kafka 3.9 broker (KRaft, broker+controller) from Maven Central jars.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supervised } from './supervisor.mjs';
import { CACHE_DIR, DATA_DIR, LOG_DIR, ROOT, alreadyServing, portOpen, requireTool, runLogged, startProcess, step } from './util.mjs';

export const KAFKA_VERSION = '3.9.1';
const LIBS = path.join(CACHE_DIR, 'kafka/libs');

/** Resolves the broker's jars with Maven into a git-ignored folder (once; later runs reuse them). */
export function ensureKafkaJars() {
  if (existsSync(path.join(LIBS, `kafka_2.13-${KAFKA_VERSION}.jar`))) {
    step(`kafka ${KAFKA_VERSION}: jars cached`);
    return;
  }
  requireTool('java', 'to run the local Kafka broker (OpenJDK 17)');
  requireTool('mvn', 'to download Apache Kafka from Maven Central');
  step(`kafka ${KAFKA_VERSION}: resolving jars with Maven (first run only; output in .data/logs/setup-kafka-maven.log)…`);
  runLogged('setup-kafka-maven', 'mvn', [
    '-B',
    '-f',
    path.join(ROOT, 'infra/kafka/pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${LIBS}`,
    '-DincludeScope=runtime',
  ]);
  step(`kafka: ${readdirSync(LIBS).length} jars in infra/.cache/kafka/libs`);
}

/** Whether a broker answers on this address (kafkajs admin lists topics). */
export async function kafkaReady(brokers, connectionTimeout = 1000) {
  const { Kafka, logLevel } = await import(path.join(ROOT, 'node_modules/kafkajs/index.js'));
  const admin = new Kafka({
    brokers,
    clientId: 'yinqi-launcher',
    logLevel: logLevel.NOTHING,
    connectionTimeout,
    requestTimeout: Math.max(connectionTimeout, 5000),
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** The broker's settings: one node that is broker and controller, kept forever, for a single machine. */
function writeServerProperties(dir, logDirs, port, controllerPort) {
  const props = path.join(dir, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${logDirs}`,
      'num.partitions=3',
      'default.replication.factor=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'min.insync.replicas=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=true',
      'delete.topic.enable=true',
      // Events are kept forever (the services also set retention.ms=-1 on each topic they create,
      // packages/events ensureTopics): read models rebuild by replaying from offset 0.
      'log.retention.ms=-1',
      'log.segment.bytes=67108864',
      '',
    ].join('\n'),
  );
  return props;
}

/** Formats the KRaft storage the first time (a cluster id kept beside it); later starts reuse it. */
function formatStorageOnce(dir, logDirs, jvm, props) {
  if (!existsSync(path.join(logDirs, 'meta.properties'))) {
    const idFile = path.join(dir, 'cluster-id');
    if (!existsSync(idFile)) writeFileSync(idFile, randomUUID().replace(/-/g, '').slice(0, 22));
    const clusterId = readFileSync(idFile, 'utf8').trim();
    step('kafka: formatting KRaft storage');
    runLogged('setup-kafka-format', 'java', [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      props,
      '--ignore-formatted',
    ]);
  }
}

/**
 * Starts the broker unless one already answers on the port. Returns the supervised process (or,
 * with `supervise: false`, the bare ChildProcess; null when reused) and the bootstrap address.
 */
export async function startKafka({ port, controllerPort, supervise = true }) {
  const brokers = [`127.0.0.1:${port}`];
  const refusal = `port ${port} is in use by something that is not a Kafka broker: free it or set KAFKA_PORT.`;
  if (await alreadyServing(port, (ms) => kafkaReady(brokers, ms), refusal)) {
    step(`kafka: reusing the broker already on 127.0.0.1:${port}`);
    return { child: null, brokers };
  }
  requireTool('java', 'to run the local Kafka broker (OpenJDK 17)');
  const dir = path.join(DATA_DIR, 'kafka');
  const logDirs = path.join(dir, 'kraft-logs');
  mkdirSync(logDirs, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const props = writeServerProperties(dir, logDirs, port, controllerPort);
  const cp = `${LIBS}/*`;
  const log4j = `-Dlog4j.configuration=file:${path.join(ROOT, 'infra/kafka/log4j.properties')}`;
  const jvm = ['-Xms256m', `-Xmx${process.env.KAFKA_HEAP ?? '768m'}`, '-XX:+UseG1GC', '-Djava.awt.headless=true', log4j, '-cp', cp];
  formatStorageOnce(dir, logDirs, jvm, props);
  const t0 = Date.now();
  // Supervised: a broker that dies later is started again on the same storage (supervisor.mjs).
  const broker = new Supervised(
    'kafka',
    () => startProcess('kafka', 'java', [...jvm, 'kafka.Kafka', props], { logFile: openSync(path.join(LOG_DIR, 'kafka.log'), 'a') }),
    { logHint: '.data/logs/kafka.log' },
  );
  broker.start();
  await broker
    .waitReady('the Kafka broker', {
      ready: async () => (await portOpen(port)) && kafkaReady(brokers),
      exitMessage: `the Kafka broker exited during start-up; see ${path.join(LOG_DIR, 'kafka.log')}`,
      timeoutMs: 120_000,
      intervalMs: 300,
    })
    .catch((err) => {
      broker.stop(0);
      throw err;
    });
  step(`kafka: ready on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)}s (log: .data/logs/kafka.log)`);
  // Unsupervised, the caller gets the bare ChildProcess and restarts it itself (the chaos run kills it on purpose).
  return { child: supervise ? broker.watch() : broker.child, brokers };
}
