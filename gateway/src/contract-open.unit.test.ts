// The gateway's schema must contain the open-interface extension (docs/contract-open.graphql, a copy
// of the shared contract-open.graphql) the same way contract.unit.test.ts checks the main contract:
// same names, result types exactly as the contract gives them, every argument present.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { isEnumType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { DOMAINS, typeDefs } from './schema';

const ROOT = path.resolve(__dirname, '../..');
const OPEN_COPY = path.join(ROOT, 'docs/contract-open.graphql');
/** Names of the extension not served yet (none: webhooks, API clients and scopes are all served). */
const NOT_YET = new Set<string>([]);

const schemaOf = (sdl: string[]) =>
  makeExecutableSchema({ typeDefs: sdl, resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' } });

function gaps(contract: GraphQLSchema, gateway: GraphQLSchema, ownTypes: Set<string>): string[] {
  const out: string[] = [];
  for (const name of ownTypes) {
    if (NOT_YET.has(name)) continue;
    const expected = contract.getType(name)!;
    const actual = gateway.getType(name);
    if (!actual) {
      out.push(`type ${name} is missing`);
      continue;
    }
    if (isEnumType(expected)) {
      const values = isEnumType(actual) ? new Set(actual.getValues().map((v) => v.name)) : new Set<string>();
      for (const v of expected.getValues()) if (!values.has(v.name)) out.push(`enum ${name} lacks ${v.name}`);
    }
    if (isObjectType(expected)) {
      const fields = isObjectType(actual) ? actual.getFields() : {};
      for (const f of Object.values(expected.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (NOT_YET.has(`${name}.${f.name}`)) continue;
        const g = fields[f.name];
        if (!g) out.push(`${name}.${f.name} is missing`);
        else if (String(g.type) !== String(f.type)) out.push(`${name}.${f.name}: ${String(g.type)}, the contract says ${String(f.type)}`);
        else
          for (const a of f.args)
            if (String(g.args.find((x) => x.name === a.name)?.type) !== String(a.type))
              out.push(`${name}.${f.name}(${a.name}) differs from the contract`);
      }
    }
  }
  return out;
}

describe('the gateway schema and the open-interface contract', () => {
  it('contains every webhook type, field, argument and enum value of contract-open.graphql', () => {
    const main = readFileSync(path.join(ROOT, 'docs/contract.graphql'), 'utf8');
    const open = readFileSync(OPEN_COPY, 'utf8');
    const contract = schemaOf([main, open]);
    // The extension's own types, and the Query/Mutation fields it adds.
    const base = schemaOf([main]);
    const own = new Set(Object.keys(contract.getTypeMap()).filter((t) => !t.startsWith('__') && !base.getType(t)));
    const gateway = schemaOf(typeDefs(DOMAINS));
    const rootGaps: string[] = [];
    for (const root of ['Query', 'Mutation'] as const) {
      const expected = contract.getType(root) as GraphQLObjectType;
      const baseFields = (base.getType(root) as GraphQLObjectType).getFields();
      const actual = (gateway.getType(root) as GraphQLObjectType).getFields();
      for (const f of Object.values(expected.getFields())) {
        if (baseFields[f.name] || NOT_YET.has(`${root}.${f.name}`)) continue;
        const g = actual[f.name];
        if (!g) rootGaps.push(`${root}.${f.name} is missing`);
        else if (
          String(g.type) !== String(f.type) ||
          f.args.some((a) => String(g.args.find((x) => x.name === a.name)?.type) !== String(a.type))
        )
          rootGaps.push(`${root}.${f.name} differs from the contract`);
      }
    }
    expect([...gaps(contract, gateway, own), ...rootGaps]).toEqual([]);
  });

  it('keeps the copy equal to the shared extension when the shared folder is beside the repo', () => {
    const shared = [path.join(ROOT, '../shared/contract-open.graphql'), '/work/shared/contract-open.graphql'].find((p) => existsSync(p));
    if (shared) expect(readFileSync(OPEN_COPY, 'utf8')).toBe(readFileSync(shared, 'utf8'));
    else expect(readFileSync(OPEN_COPY, 'utf8')).toContain('registerWebhook');
  });
});
