import { mongoose } from '@yinqi/db';
import { capitalModels } from './models';

const keysOf = (schema: mongoose.Schema) =>
  schema.indexes().map(([keys]) =>
    Object.entries(keys)
      .map(([k, v]) => `${k}:${String(v)}`)
      .join(','),
  );

describe('listing candidate indexes', () => {
  // listingPipeline(stage) pages one stage's candidates newest first (findPage's order).
  it('serve the listing pipeline with and without a stage, in page order', () => {
    const models = capitalModels(mongoose.createConnection()) as unknown as Record<string, mongoose.Model<unknown>>;
    const candidate = Object.values(models).find((m) => m.collection.collectionName === 'listing_candidates')!;
    const keys = keysOf(candidate.schema);
    expect(keys).toContain('createdAt:-1,_id:-1');
    expect(keys).toContain('stage:1,createdAt:-1,_id:-1');
  });
});
