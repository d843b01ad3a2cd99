// End-to-end tests talk to the gateway only. When it is not up the run fails here, loudly.
const requireInfra = require('./require-infra');

module.exports = async function requireStack() {
  await requireInfra();
  const url = process.env.GATEWAY_HEALTH_URL || 'http://127.0.0.1:4000/healthz';
  let status;
  try {
    status = (await fetch(url, { signal: AbortSignal.timeout(5000) })).status;
  } catch (err) {
    status = err.message;
  }
  if (status !== 200) {
    throw new Error(
      `End-to-end tests need the gateway at ${url} (got ${status}). Run them with \`npm test\`, which starts the whole stack.`,
    );
  }
};
