// The store conformance suite (tests/store) needs only the database at MONGO_URL, so a deployer can
// point it at a production MongoDB without Kafka (`MONGO_URL=… npm run check:store`). Missing
// database: the run fails here, loudly.
const { MongoClient } = require('mongodb');

module.exports = async function requireStore() {
  const mongoUrl = process.env.MONGO_URL || 'mongodb://127.0.0.1:27017/';
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    await client.db('admin').command({ hello: 1 });
  } catch (err) {
    throw new Error(
      `The store conformance suite needs the database at MONGO_URL (${mongoUrl.replace(/\/\/[^@/]*@/, '//***@')}): ${err.message}\nRun it with \`npm test\` (it starts the local store) or set MONGO_URL.`,
    );
  } finally {
    await client.close().catch(() => {});
  }
};
