// Topics keep their events forever: the monitor rebuilds its read model by replaying from offset 0,
// and every new consumer group (a first deployment, a replaced database) starts from the beginning.
// Read back from the real broker with describeConfigs, as an operator would see them.
import { knownTopics } from '@yinqi/contracts';
import { ensureTopics, RETAINED_TOPIC_CONFIG } from '@yinqi/events';
import { freshTopicPrefix, infraUrls, waitFor } from '@yinqi/testing';
import { ConfigResourceTypes, ConfigSource, Kafka, logLevel, type Admin } from 'kafkajs';
import { MONITOR_TOPICS } from '../../services/monitor/src/consumers/handlers';

const kafka = new Kafka({ brokers: infraUrls().brokers, clientId: 'test-topic-retention', logLevel: logLevel.NOTHING });
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.disconnect();
});

/**
 * The value of each config name, per topic, when the topic itself sets it: a value inherited from
 * the broker's default does not count (a managed cluster's default is usually 7 days).
 */
async function topicConfigs(topics: string[], names: string[]): Promise<Record<string, Record<string, string>>> {
  const r = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: names })),
  });
  return Object.fromEntries(
    r.resources.map((res) => [
      res.resourceName,
      Object.fromEntries(
        res.configEntries.map((e) => [
          e.configName,
          e.configSource === ConfigSource.TOPIC_CONFIG ? e.configValue : `(inherited ${e.configValue})`,
        ]),
      ),
    ]),
  );
}

const forever = { 'retention.ms': '-1', 'retention.bytes': '-1' };

describe('topic retention on the real broker', () => {
  it('asks for nothing to expire: no time limit, no size limit', () => {
    expect(RETAINED_TOPIC_CONFIG).toEqual(forever);
  });

  it("keeps every event of the running stack's topics forever, the monitor's rebuild topics among them", async () => {
    // `npm test` runs the services on a namespace of its own; they created these topics at start-up.
    const prefix = process.env.YINQI_TOPIC_PREFIX;
    if (!prefix) throw new Error('YINQI_TOPIC_PREFIX is not set: run this with `npm test`, which starts the stack whose topics it reads');
    const topics = knownTopics();
    expect(topics.length).toBeGreaterThan(10);
    for (const t of MONITOR_TOPICS) expect(topics).toContain(t);
    const existing = new Set(await admin.listTopics());
    expect(topics.filter((t) => !existing.has(t))).toEqual([]);
    const configs = await topicConfigs(topics, Object.keys(forever));
    for (const t of topics) expect({ topic: t, ...configs[t] }).toEqual({ topic: t, ...forever });
  });

  it('creates a new topic with infinite retention, set on the topic itself', async () => {
    const topic = `${freshTopicPrefix('retention')}.demand`;
    await ensureTopics(kafka, [topic]);
    expect((await topicConfigs([topic], Object.keys(forever)))[topic]).toEqual(forever);
  });

  it("brings a topic created with the broker's 7-day retention (by an older version) to infinite retention, keeping its other overrides", async () => {
    const topic = `${freshTopicPrefix('retention')}.loan`;
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 1,
            replicationFactor: 1,
            configEntries: [
              { name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) },
              { name: 'max.message.bytes', value: '2000000' },
            ],
          },
        ],
      })
      // On a loaded broker the wait for leaders can fail with "does not host this topic-partition"
      // although the topic was created: go on once its metadata answers.
      .catch(async (err: unknown) => {
        if (!(await admin.listTopics()).includes(topic)) throw err;
      });
    await waitFor(
      () =>
        admin.fetchTopicMetadata({ topics: [topic] }).then(
          () => true,
          () => null,
        ),
      { message: `metadata of ${topic}` },
    );
    expect((await topicConfigs([topic], ['retention.ms']))[topic]).toEqual({ 'retention.ms': '604800000' });

    await ensureTopics(kafka, [topic]);

    expect((await topicConfigs([topic], ['retention.ms', 'retention.bytes', 'max.message.bytes']))[topic]).toEqual({
      ...forever,
      'max.message.bytes': '2000000',
    });
  });
});
