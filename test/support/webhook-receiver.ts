import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  /** The path it was sent to: each subscription of a test gets its own. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; occurredAt: string; data: Record<string, any> };
  /** The status this receiver answered. */
  answered: number;
}

/**
 * An HTTP endpoint standing in for an ERP's webhook receiver. `respond`
 * decides each answer (default 204); everything received is kept.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (request: { path: string; body: string; json: ReceivedWebhook['json']; attempt: number }) => number | Promise<number> = () =>
    204;
  private server: Server | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      const answer = async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const json = JSON.parse(body);
        const path = req.url ?? '';
        const attempt = this.received.filter((r) => r.json.id === json.id && r.path === path).length + 1;
        const status = await this.respond({ path, body, json, attempt });
        this.received.push({ path, headers: req.headers, body, json, answered: status });
        res.statusCode = status;
        res.end();
      };
      req.on('end', () => {
        answer().catch(() => res.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  url(path = '/hooks/anchorlink'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Successful deliveries (2xx), in arrival order. */
  get delivered(): ReceivedWebhook[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms (received ${this.received.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls `check` until it returns a value that is not undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
