// Integration tests need the real Kafka broker and FerretDB. When they are not reachable the run
// fails here, loudly, instead of skipping into green. `npm test` starts them; so does `npm run infra`.
const { Kafka, logLevel } = require('kafkajs');
const { MongoClient } = require('mongodb');

module.exports = async function requireInfra() {
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const mongoUrl = process.env.MONGO_URL || 'mongodb://127.0.0.1:27017/';
  const problems = [];
  const admin = new Kafka({ brokers, clientId: 'jest-preflight', logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (err) {
    problems.push(`Kafka at ${brokers.join(',')}: ${err.message}`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 3000 });
  try {
    await client.connect();
    await client.db('admin').command({ hello: 1 });
  } catch (err) {
    problems.push(`MongoDB/FerretDB at ${mongoUrl}: ${err.message}`);
  } finally {
    await client.close().catch(() => {});
  }
  if (problems.length) {
    throw new Error(
      `Integration tests need the real infrastructure, which is not reachable:\n  ${problems.join('\n  ')}\nRun them with \`npm test\` (it starts everything) or start it with \`npm run infra\`.`,
    );
  }
};
