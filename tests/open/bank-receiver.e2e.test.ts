import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { aWebhook } from './webhook-actors';

// The README's "Connect your bank's system": examples/bank-receiver runs as a bank's IT team would
// run it, and answers a new match through the API on its own.
const EXAMPLE = path.resolve(__dirname, '../../examples/bank-receiver/receiver.mjs');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

it('the example receiver verifies the delivery, reads the match and answers it with respondToMatch', async () => {
  const admin = await signInAdmin();
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `示例接收-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ent = await registerEnterprise({ industry });
  const product = await publishProduct(bank.token, { name: '专精特新贷', industries: [industry] });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const hook = await aWebhook(bank.token, url, ['MATCH_PROPOSED']);
  // The bank's system signs in as an API client (client credentials), never with an officer's token.
  const created = await gql<{ createApiClient: { clientSecret: string; client: { clientId: string } } }>(
    'mutation{ createApiClient(name:"信贷系统", scopes:[MATCHES_READ, MATCHES_RESPOND]){ clientSecret client { clientId } } }',
    {},
    bank.token,
  );
  if (!created.data) throw new Error(`createApiClient failed: ${JSON.stringify(created.errors)}`);
  let output = '';
  child = spawn(process.execPath, [EXAMPLE], {
    env: {
      ...process.env,
      YINQI_SIGNING_SECRET: hook.secret,
      YINQI_GATEWAY: process.env.GATEWAY_URL ?? '',
      YINQI_CLIENT_ID: created.data.createApiClient.client.clientId,
      YINQI_CLIENT_SECRET: created.data.createApiClient.clientSecret,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await waitFor(() => output.includes('listening'), { timeoutMs: 10_000, message: 'example receiver listening' });

  const demand = await postDemand(ent.token, { amount: 2_000_000 });
  const [match] = await waitForMatches(ent.token, demand.id, [product], (m) => m.length === 1, 'match');
  // The receiver's policy answers a small demand with a good score; either answer proves the loop closed.
  const answered = await waitFor(
    async () => {
      const r = await gql<{ demand: { matches: { id: string; status: string }[] } }>(
        'query($id:ID!){ demand(id:$id){ matches { id status } } }',
        { id: demand.id },
        ent.token,
      );
      const m = r.data?.demand.matches.find((x) => x.id === match!.id);
      return m && m.status !== 'PROPOSED' ? m : null;
    },
    { timeoutMs: 30_000, intervalMs: 200, message: `the example answered the match (its output: ${output})` },
  );
  expect(['INTERESTED', 'DECLINED']).toContain(answered.status);
  // Its log line follows the API's answer; the pipe may hand it over a moment after the status changed.
  await waitFor(() => output.includes(`match ${match!.id}:`), {
    timeoutMs: 5_000,
    message: `the example logged its answer (its output: ${output})`,
  });
});
