// A webhook receiver that verifies Standard Webhooks signatures and prints each event it accepts.
// Usage: WEBHOOK_SECRET=whsec_... node scripts/webhook-receiver.mjs [port]
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith('whsec_')) {
  console.error('set WEBHOOK_SECRET to the secret the registration answered (whsec_...)');
  process.exit(2);
}
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const port = Number(process.argv[2] ?? 9000);

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = request.headers['webhook-id'];
    const timestamp = request.headers['webhook-timestamp'];
    const expected = 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    const signed = (request.headers['webhook-signature'] ?? '').split(' ')
      .some((signature) => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected)));
    // a replayed delivery: older than 5 minutes
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    if (!signed || !fresh) {
      console.error(`refused ${id}: ${signed ? 'too old' : 'bad signature'}`);
      response.writeHead(401).end();
      return;
    }
    console.log(id, body);
    response.writeHead(204).end();
  });
}).listen(port, '127.0.0.1', () => console.error(`receiving on http://127.0.0.1:${port}/`));
