// The BFF README's quick start, as a merchant's server runs it from the installed packages, then one
// KKI payment through it: the order's amount from the merchant API, the card and OTT from the
// browser (host-to-host, as a PCI DSS merchant), the issuer app's approval from the offline sandbox.
// Prints what it saw as one JSON line.
import { serve } from '@hono/node-server';
import { createKkiBff } from '@kki-kit/bff';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';

const logs = [];
const bff = await createKkiBff({
  publicUrl: 'http://localhost:3000/api/kki',
  kki: { integration: 'h2h', pciDss: true },
  authenticate: (c) => c.req.header('x-customer-id') ?? null,
  offlineSandbox: { autoApproveMs: 50 },
  logger: (line) => logs.push(line),
  // Every line, so the check that no card number is logged sees the request lines too.
  logLevel: 'debug',
});

const app = new Hono();
app.route('/api/kki', bff.app);
const server = serve({ fetch: app.fetch, port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}/api/kki`;

const order = await bff.merchant.createOrder({
  customerId: 'cust-42',
  amount: 150_000,
  lineItems: [{ name: 'Sepatu', price: 150_000, quantity: 1 }],
  metadata: { email: 'sari@example.com' },
});

const browser = { 'x-customer-id': 'cust-42', origin: 'http://localhost:3000', 'x-kki-request': '1' };
const cpan = kkiTestCpan('bri');
const created = await fetch(`${base}/kki/payments`, {
  method: 'POST',
  headers: { ...browser, 'content-type': 'application/json', 'idempotency-key': `pack-${order.id}` },
  body: JSON.stringify({ orderId: order.id, source: { type: 'card', cpan, ott: '481516' } }),
});
const first = await created.json();

let payment = first;
for (let i = 0; i < 100 && payment.status === 'pending'; i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  payment = await (await fetch(`${base}/payments/${first.id}`, { headers: browser })).json();
}
const spec = await (await fetch(`${base}/openapi.json`)).json();

console.log(
  JSON.stringify({
    createdStatus: created.status,
    firstStatus: first.status,
    nextAction: first.nextAction?.type,
    finalStatus: payment.status,
    amount: payment.amount,
    openapi: spec.openapi,
    routes: Object.keys(spec.paths).length,
    logLines: logs.length,
    cpanInLogs: logs.some((line) => JSON.stringify(line).includes(cpan)),
  }),
);
server.close();
await bff.close();
