// Starts the compiled fixture programs (tests/dist/fixtures) as separate processes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { freshDatabaseName, freshTopicPrefix, infraUrls } from '@yinqi/testing';

const DIST = path.resolve(__dirname, '../dist/fixtures');

export interface Fixture {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawns a fixture and resolves once it printed its ready line. */
export async function startFixture(name: string, env: Record<string, string>, ready: string): Promise<Fixture> {
  const { mongoUrl, brokers } = infraUrls();
  const child = spawn(process.execPath, [path.join(DIST, `${name}.js`)], {
    env: { ...process.env, MONGO_URL: mongoUrl, KAFKA_BROKERS: brokers.join(','), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30s:\n${out}`)), 30_000);
    const onData = () => {
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out, exited };
}

export async function stopFixture(f: Fixture | undefined): Promise<void> {
  if (!f || f.child.exitCode !== null || f.child.signalCode !== null) return;
  f.child.kill('SIGTERM');
  await f.exited;
}

/** A fresh database and topic for one test file, and clients to both. */
export async function isolatedInfra(label: string) {
  const { mongoUrl, brokers } = infraUrls();
  const dbName = freshDatabaseName(label);
  const topic = `${freshTopicPrefix(label)}.counter`;
  const mongo = new MongoClient(mongoUrl);
  await mongo.connect();
  const kafka = new Kafka({ brokers, clientId: `test-${label}`, logLevel: logLevel.NOTHING });
  // The services' own topic set-up: it retries while the broker's metadata does not yet know a topic
  // it has just created (kafkajs's waitForLeaders alone failed once with UNKNOWN_TOPIC_OR_PARTITION).
  const { ensureTopics } = await import('@yinqi/events');
  await ensureTopics(kafka, [topic], { numPartitions: 3 });
  await ensureTopics(kafka, [`${topic}.dlq`], { numPartitions: 1 });
  return {
    dbName,
    topic,
    kafka,
    db: mongo.db(dbName),
    // No dropDatabase: on FerretDB a drop waits for every open cursor of that database while
    // holding a global lock, stalling all other clients. The launcher's namespaces keep runs apart.
    close: () => mongo.close(),
  };
}
