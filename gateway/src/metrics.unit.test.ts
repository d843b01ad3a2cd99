import { createSchema, createYoga } from 'graphql-yoga';
import { createGatewayRegistry, useGraphqlMetrics } from './metrics';

function aGateway() {
  const registry = createGatewayRegistry();
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { hello: String me: String } type Mutation { login(e: String): String }',
      resolvers: { Query: { hello: () => 'hi', me: () => 'x' }, Mutation: { login: () => 't' } },
    }),
    plugins: [useGraphqlMetrics(registry)],
    maskedErrors: false,
  });
  const post = async (query: string, operationName?: string) =>
    (
      await yoga.fetch('http://gw/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName }),
      })
    ).status;
  const counts = async () =>
    (await registry.metrics())
      .split('\n')
      .filter((l) => l.startsWith('gateway_graphql_request_duration_seconds_count'))
      .map((l) => l.replace('gateway_graphql_request_duration_seconds_count', ''));
  return { post, counts };
}

describe('GraphQL latency histogram of the gateway', () => {
  it('labels each request by its first root field, not by the caller-chosen operation name', async () => {
    const gw = aGateway();
    expect(await gw.post('query Anything { hello }')).toBe(200);
    expect(await gw.post('query SomethingElse { hello me }')).toBe(200);
    expect(await gw.post('mutation M { login(e: "a") }')).toBe(200);
    expect(await gw.counts()).toEqual(
      expect.arrayContaining([
        '{operation="query hello",method="POST",status="200"} 2',
        '{operation="mutation login",method="POST",status="200"} 1',
      ]),
    );
  });

  it('counts malformed and invalid requests as invalid, so a caller cannot mint label values', async () => {
    const gw = aGateway();
    await gw.post('{ hello');
    await gw.post('{ nosuchfield }');
    await gw.post('{ anotherMadeUpField }');
    const lines = await gw.counts();
    expect(lines.filter((l) => l.includes('operation="invalid"')).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)).toBe(3);
    expect(lines.some((l) => /nosuchfield|anotherMadeUpField/.test(l))).toBe(false);
  });
});
