const { createGateway } = require('./dist/server');
const { loadGatewayConfig } = require('./dist/config');
const { createLogger } = require('@yinqi/logger');
const { createTokenService } = require('@yinqi/auth');
(async () => {
  const cfg = loadGatewayConfig({ GATEWAY_PORT: '4999' });
  const { server } = createGateway(cfg, createTokenService({ secret: 'x'.repeat(40), issuer: 'a', audience: 'b', ttlSeconds: 60, maxSessionSeconds: 100 }), createLogger('dbg', 'debug'));
  server.listen(4999, async () => {
    const t = setTimeout(() => { console.log('timeout'); process.exit(1) }, 3000);
    const res = await fetch('http://127.0.0.1:4999/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _health }' }) });
    console.log(res.status, await res.text()); clearTimeout(t); process.exit(0);
  });
})();
