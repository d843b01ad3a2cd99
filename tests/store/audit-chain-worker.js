// One appender process of tests/store/audit-chain-race.store.test.ts: appends `count` links to a
// chain the way services/audit does (read the tip, insert the next seqs in one ordered insertMany,
// re-read and retry what a duplicate seq stopped). Prints one JSON line with its result.
const { MongoClient } = require('mongodb');

async function main() {
  const job = JSON.parse(process.argv[2]);
  const client = new MongoClient(job.url, { maxPoolSize: job.concurrency, retryWrites: false });
  await client.connect();
  const coll = client.db(job.db).collection(job.collection);
  let lostRaces = 0;
  let next = 0;
  const lanes = Array.from({ length: job.concurrency }, async (_, lane) => {
    while (next < job.count) {
      const size = Math.min(job.batch, job.count - next);
      next += size;
      let pending = Array.from({ length: size }, (_, i) => `w${job.worker}-l${lane}-${next - size + i}`);
      while (pending.length > 0) {
        const tip = await coll
          .find({}, { projection: { seq: 1 } })
          .sort({ seq: -1 })
          .limit(1)
          .next();
        let seq = tip ? tip.seq : 0;
        let prev = tip ? tip._id : null;
        const docs = pending.map((id) => {
          seq += 1;
          const doc = { _id: id, seq, prev };
          prev = id;
          return doc;
        });
        try {
          await coll.insertMany(docs, { ordered: true });
          pending = [];
        } catch (err) {
          if (err.code !== 11000 && !/E11000|duplicate key/.test(err.message)) throw err;
          lostRaces += 1;
          const stored = new Set((await coll.find({ _id: { $in: pending } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
          pending = pending.filter((id) => !stored.has(id));
        }
      }
    }
  });
  await Promise.all(lanes);
  await client.close();
  process.stdout.write(`${JSON.stringify({ lostRaces })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
