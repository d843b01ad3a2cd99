// One client process of the store conformance suite (tests/store/conformance.store.test.ts): the
// promises are about several processes writing at once, so each worker is a real process with its
// own connection pool. It reads its job from argv as JSON and prints one JSON line with its result.
const { MongoClient } = require('mongodb');

async function main() {
  const job = JSON.parse(process.argv[2]);
  const client = new MongoClient(job.url, { maxPoolSize: job.concurrency ?? 20, retryWrites: false });
  await client.connect();
  const coll = client.db(job.db).collection(job.collection);
  const result = await jobs[job.kind](coll, job);
  await client.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs `count` tasks, at most `concurrency` at once. */
async function pool(count, concurrency, task) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  });
  await Promise.all(lanes);
}

const jobs = {
  /** `$inc` on one document, `count` times. */
  async inc(coll, job) {
    let acknowledged = 0;
    await pool(job.count, job.concurrency, async () => {
      const res = await coll.updateOne({ _id: job.id }, { $inc: { n: 1 } });
      acknowledged += res.modifiedCount;
    });
    return { acknowledged };
  },
  /** Read the version, write only if it is unchanged (what the services' aggregate store does); retry on a conflict. */
  async versioned(coll, job) {
    let written = 0;
    let conflicts = 0;
    await pool(job.count, job.concurrency, async (i) => {
      for (;;) {
        const cur = await coll.findOne({ _id: job.id });
        const res = await coll.updateOne(
          { _id: job.id, version: cur.version },
          { $set: { version: cur.version + 1 }, $push: { log: `${job.worker}-${i}` } },
        );
        if (res.modifiedCount === 1) break;
        conflicts += 1;
      }
      written += 1;
    });
    return { written, conflicts };
  },
  /** Claim free tasks with findOneAndUpdate until none is left. */
  async claim(coll, job) {
    const claimed = [];
    await pool(job.concurrency, job.concurrency, async () => {
      for (;;) {
        const doc = await coll.findOneAndUpdate(
          { status: 'FREE' },
          { $set: { status: 'TAKEN', by: job.worker } },
          { returnDocument: 'after', includeResultMetadata: false },
        );
        if (!doc) return;
        claimed.push(doc._id);
      }
    });
    return { claimed };
  },
  /** Insert documents whose unique key collides with other workers'. */
  async unique(coll, job) {
    let inserted = 0;
    let duplicates = 0;
    await pool(job.keys, job.concurrency, async (k) => {
      try {
        await coll.insertOne({ _id: `${job.worker}-${k}`, email: `user${k}@example.cn` });
        inserted += 1;
      } catch (err) {
        if (err.code !== 11000) throw err;
        duplicates += 1;
      }
    });
    return { inserted, duplicates };
  },
};

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
