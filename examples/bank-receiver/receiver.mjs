// A bank's webhook receiver for Yinqi (银企通) in a few dozen lines, Node.js 20, no dependencies:
// verify the signature, deduplicate by event id, read the match through the API, answer it.
//   YINQI_SIGNING_SECRET=… YINQI_GATEWAY=https://yinqi.example.cn/graphql YINQI_CLIENT_ID=ycl_… YINQI_CLIENT_SECRET=… node receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const {
  YINQI_SIGNING_SECRET: secret,
  YINQI_GATEWAY: gateway,
  YINQI_CLIENT_ID: clientId,
  YINQI_CLIENT_SECRET: clientSecret,
  PORT = '8080',
} = process.env;
if (!secret || !gateway || !clientId || !clientSecret)
  throw new Error('set YINQI_SIGNING_SECRET, YINQI_GATEWAY, YINQI_CLIENT_ID and YINQI_CLIENT_SECRET');
let token = { value: '', until: 0 };

/** A client-credentials token (POST /oauth/token), fetched again a minute before it expires. */
async function bearer() {
  if (Date.now() < token.until) return token.value;
  const res = await fetch(new URL('/oauth/token', gateway), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'matches:read matches:respond',
    }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`token: ${res.status} ${body.error}`);
  token = { value: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
  return token.value;
}
const seen = new Set(); // use your database in production: ids must survive a restart

function verified(raw, header = '') {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false; // stale: possibly replayed
  const want = createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest();
  return timingSafeEqual(Buffer.from(m[2], 'hex'), want);
}

async function api(query, variables, idempotencyKey) {
  const res = await fetch(gateway, {
    method: 'POST',
    // A mutation retried with the same Idempotency-Key is executed once.
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await bearer()}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function onMatchProposed({ matchId }) {
  const { bankMatches } = await api(
    'query{ bankMatches(status: PROPOSED, first: 100){ edges { node { id score demand { id amount termMonths } } } } }',
    {},
  );
  const match = bankMatches.edges.map((e) => e.node).find((m) => m.id === matchId);
  if (!match) return; // answered or withdrawn meanwhile
  const interested = match.score >= 60 && match.demand.amount <= 10_000_000; // your credit policy here
  await api(
    'mutation($id:ID!,$i:Boolean!){ respondToMatch(matchId:$id, interested:$i){ id status } }',
    { id: matchId, i: interested },
    `respond-${matchId}`,
  );
  console.log(`match ${matchId}: ${interested ? 'interested' : 'declined'}`);
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!verified(raw, req.headers['yinqi-signature'])) return res.writeHead(401).end();
    const event = JSON.parse(raw);
    if (seen.has(event.id)) return res.writeHead(200).end('duplicate'); // at least once: dedupe by id
    try {
      if (event.event === 'MATCH_PROPOSED') await onMatchProposed(event.data);
      seen.add(event.id);
      res.writeHead(200).end('ok'); // answer within 10 s; a slow job belongs in a queue
    } catch (err) {
      console.error(err);
      res.writeHead(500).end(); // Yinqi retries with backoff
    }
  });
}).listen(Number(PORT), () => console.log(`listening on :${PORT}`));
