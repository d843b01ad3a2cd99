import { mongoose } from '@yinqi/db';
import { loanModels } from './models';

/** The index keys of a schema, as `field:direction` lists. */
const keysOf = (schema: mongoose.Schema) =>
  schema.indexes().map(([keys]) =>
    Object.entries(keys)
      .map(([k, v]) => `${k}:${String(v)}`)
      .join(','),
  );

describe('loan indexes', () => {
  // The loans list pages with findPage (newest first, then _id): each scope the service filters by
  // needs an index that starts with the scope's field and ends with the page order, or the store reads
  // every loan (20,000 in the scale benchmark) to answer one page.
  it('serve the loans list in every scope it is read in, in page order', () => {
    const { Loan } = loanModels(mongoose.createConnection());
    const keys = keysOf(Loan.schema);
    for (const scope of [[], ['bankId:1'], ['enterpriseId:1'], ['status:1']])
      expect(keys).toContain([...scope, 'createdAt:-1', '_id:-1'].join(','));
  });
});
