// The gateway's schema must contain the public contract (docs/contract.graphql, a copy of the
// shared contract.graphql): every type, field, argument and enum value with the same names, result
// types at least as strict and argument types at least as loose. The acceptance suite depends on it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { DOMAINS, typeDefs } from './schema';

const ROOT = path.resolve(__dirname, '../..');
const CONTRACT_COPY = path.join(ROOT, 'docs/contract.graphql');
/** The accounts extension (docs/contract-accounts.graphql, a copy of the shared contract-accounts.graphql): it extends the contract's types. */
const ACCOUNTS_COPY = path.join(ROOT, 'docs/contract-accounts.graphql');

const kindOf = (t: GraphQLNamedType) =>
  isObjectType(t)
    ? 'object'
    : isInputObjectType(t)
      ? 'input'
      : isEnumType(t)
        ? 'enum'
        : isScalarType(t)
          ? 'scalar'
          : isInterfaceType(t)
            ? 'interface'
            : isUnionType(t)
              ? 'union'
              : 'other';

/**
 * Whether `actual` may stand where the contract says `expected`. For results the gateway may be
 * stricter (non-null where the contract allows null); for arguments and input fields looser.
 */
function compatible(expected: GraphQLType, actual: GraphQLType, position: 'result' | 'input'): boolean {
  if (isNonNullType(expected)) {
    if (isNonNullType(actual)) return compatible(expected.ofType, actual.ofType, position);
    return position === 'input' && compatible(expected.ofType, actual, position);
  }
  if (isNonNullType(actual)) return position === 'result' && compatible(expected, actual.ofType, position);
  if (isListType(expected)) return isListType(actual) && compatible(expected.ofType, actual.ofType, position);
  if (isListType(actual)) return false;
  return (expected as GraphQLNamedType).name === (actual as GraphQLNamedType).name;
}

/** Every difference between the contract and the gateway's schema, one readable line each. */
function contractGaps(contract: GraphQLSchema, gateway: GraphQLSchema): string[] {
  const gaps: string[] = [];
  for (const expected of Object.values(contract.getTypeMap())) {
    if (expected.name.startsWith('__')) continue;
    const actual = gateway.getType(expected.name);
    if (!actual) {
      gaps.push(`type ${expected.name} is missing`);
      continue;
    }
    if (kindOf(actual) !== kindOf(expected)) {
      gaps.push(`${expected.name} is a ${kindOf(actual)}, the contract says ${kindOf(expected)}`);
      continue;
    }
    if (isEnumType(expected) && isEnumType(actual)) {
      const values = new Set(actual.getValues().map((v) => v.name));
      for (const v of expected.getValues()) if (!values.has(v.name)) gaps.push(`enum ${expected.name} lacks ${v.name}`);
    }
    if ((isObjectType(expected) || isInterfaceType(expected)) && (isObjectType(actual) || isInterfaceType(actual))) {
      const fields = actual.getFields();
      for (const f of Object.values(expected.getFields()) as GraphQLField<unknown, unknown>[]) {
        const g = fields[f.name];
        if (!g) {
          gaps.push(`${expected.name}.${f.name} is missing`);
          continue;
        }
        if (!compatible(f.type, g.type, 'result'))
          gaps.push(`${expected.name}.${f.name}: ${String(g.type)}, the contract says ${String(f.type)}`);
        const args = new Map(g.args.map((a: GraphQLArgument) => [a.name, a]));
        for (const a of f.args) {
          const ga = args.get(a.name);
          if (!ga) gaps.push(`${expected.name}.${f.name}(${a.name}) is missing`);
          else if (!compatible(a.type, ga.type, 'input'))
            gaps.push(`${expected.name}.${f.name}(${a.name}): ${String(ga.type)}, the contract says ${String(a.type)}`);
        }
        // An argument the contract does not have must be optional, or the contract's calls break.
        for (const ga of g.args)
          if (!f.args.some((a) => a.name === ga.name) && isNonNullType(ga.type) && ga.defaultValue === undefined)
            gaps.push(`${expected.name}.${f.name}(${ga.name}) is required but not in the contract`);
      }
    }
    if (isInputObjectType(expected) && isInputObjectType(actual)) {
      const fields = actual.getFields();
      for (const f of Object.values(expected.getFields())) {
        const g = fields[f.name];
        if (!g) gaps.push(`input ${expected.name}.${f.name} is missing`);
        else if (!compatible(f.type, g.type, 'input'))
          gaps.push(`input ${expected.name}.${f.name}: ${String(g.type)}, the contract says ${String(f.type)}`);
      }
      for (const g of Object.values(fields))
        if (!expected.getFields()[g.name] && isNonNullType(g.type) && g.defaultValue === undefined)
          gaps.push(`input ${expected.name}.${g.name} is required but not in the contract`);
    }
  }
  return gaps;
}

const schemaOf = (sdl: string | string[]) =>
  makeExecutableSchema({ typeDefs: sdl, resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' } });

describe('the gateway schema and the public contract', () => {
  it('contains every type, field, argument and enum value of the contract with compatible types', () => {
    const gaps = contractGaps(schemaOf(readFileSync(CONTRACT_COPY, 'utf8')), schemaOf(typeDefs(DOMAINS)));
    expect(gaps).toEqual([]);
  });

  it('contains the accounts extension too (users, sessions, the audit trail)', () => {
    const contract = schemaOf([readFileSync(CONTRACT_COPY, 'utf8'), readFileSync(ACCOUNTS_COPY, 'utf8')]);
    expect(contractGaps(contract, schemaOf(typeDefs(DOMAINS)))).toEqual([]);
  });

  it('reports a missing field, a looser result and a stricter argument (the check can fail)', () => {
    const contract = schemaOf('type Query { a(x: Int): Int! b: String c: Int }');
    const gateway = schemaOf('type Query { a(x: Int!): Int }');
    expect(contractGaps(contract, gateway)).toEqual([
      'Query.a: Int, the contract says Int!',
      'Query.a(x): Int!, the contract says Int',
      'Query.b is missing',
      'Query.c is missing',
    ]);
  });

  it('keeps the copy equal to the shared contract when the shared folder is beside the repo', () => {
    const shared = [path.join(ROOT, '../shared/contract.graphql'), '/work/shared/contract.graphql'].find((p) => existsSync(p));
    if (shared) expect(readFileSync(CONTRACT_COPY, 'utf8')).toBe(readFileSync(shared, 'utf8'));
    else expect(readFileSync(CONTRACT_COPY, 'utf8')).toContain('type Query');
    const sharedAccounts = [path.join(ROOT, '../shared/contract-accounts.graphql'), '/work/shared/contract-accounts.graphql'].find((p) =>
      existsSync(p),
    );
    if (sharedAccounts) expect(readFileSync(ACCOUNTS_COPY, 'utf8')).toBe(readFileSync(sharedAccounts, 'utf8'));
    else expect(readFileSync(ACCOUNTS_COPY, 'utf8')).toContain('extend type Query');
  });
});
