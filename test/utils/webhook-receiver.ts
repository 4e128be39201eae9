import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  json: { id: string; type: string; timestamp: string; data: Record<string, any> };
  /** The status this receiver answered (undefined: it never answered). */
  answered?: number;
}

/**
 * A real HTTP server standing for another system: it records every webhook POSTed to it and
 * answers what `answer` decides (a status, or 'hang' to never answer).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (webhook: ReceivedWebhook) => number | 'hang' = () => 200;
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Those answered 2xx, in the order they arrived. */
  get accepted(): ReceivedWebhook[] {
    return this.received.filter((w) => w.answered !== undefined && w.answered < 300);
  }

  async waitFor(
    predicate: (webhook: ReceivedWebhook) => boolean,
    timeoutMs = 30_000,
  ): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((w) => w.answered !== undefined && predicate(w));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such webhook within ${timeoutMs} ms; got ${JSON.stringify(
            this.received.map((w) => [w.json.type, w.answered]),
          )}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const webhook: ReceivedWebhook = {
      id: String(req.headers['webhook-id']),
      timestamp: String(req.headers['webhook-timestamp']),
      signature: String(req.headers['webhook-signature']),
      body,
      json: JSON.parse(body),
    };
    this.received.push(webhook);
    const status = this.answer(webhook);
    if (status === 'hang') {
      this.hanging.add(res);
      return;
    }
    webhook.answered = status;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'boom');
  }
}
