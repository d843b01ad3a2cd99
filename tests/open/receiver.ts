// A real local HTTP receiver for webhook tests: records every request with its raw body and the
// answer it gave, and can be told to be down, to fail, or to hang.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  raw: string;
  body: { id: string; event: string; occurredAt: string; data: Record<string, string> };
  /** The status this receiver answered (0: it hung up without answering). */
  answered: number;
  at: number;
}

/** What the receiver does with the next request: answer `status`, or hang for `hangMs` first. */
export type Behaviour = { status: number; hangMs?: number };

export class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private port = 0;
  /** Consulted per request; the default answers 200 at once. */
  behave: (r: Omit<Received, 'answered' | 'at'>) => Behaviour = () => ({ status: 200 });

  get url(): string {
    return `http://127.0.0.1:${this.port}/yinqi/hooks`;
  }

  async start(): Promise<this> {
    await this.listen(this.port);
    return this;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        let body: Received['body'];
        try {
          body = JSON.parse(raw) as Received['body'];
        } catch {
          body = { id: '', event: '', occurredAt: '', data: {} };
        }
        const { status, hangMs } = this.behave({ headers, raw, body });
        const entry: Received = { headers, raw, body, answered: status, at: Date.now() };
        const answer = () => {
          if (res.destroyed) return;
          this.received.push(entry);
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end('ok');
        };
        if (hangMs) {
          // The sender gives up first: its timeout closes the connection; we log that as "no answer".
          const t = setTimeout(answer, hangMs);
          res.on('close', () => {
            if (!res.writableEnded) {
              clearTimeout(t);
              this.received.push({ ...entry, answered: 0 });
            }
          });
        } else answer();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Down: nothing listens on the port (connections are refused) until `up()`. */
  async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async stop(): Promise<void> {
    await this.down();
  }

  /** Requests answered 2xx. */
  get delivered(): Received[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300);
  }
}

/** A receiver's check of `Yinqi-Signature` (what the contract tells a bank's IT team to do). */
export function validSignature(secret: string, r: Pick<Received, 'headers' | 'raw'>): boolean {
  const header = r.headers['yinqi-signature'] ?? '';
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const want = createHmac('sha256', secret).update(`${m[1]}.${r.raw}`).digest();
  return timingSafeEqual(Buffer.from(m[2]!, 'hex'), want) && Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
}
