import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  readonly body: string;
}

/**
 * A real HTTP receiver on loopback. `respond` picks the status for each request (`'hang'` never
 * answers); it can be stopped and started again on the same port to play an outage.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest) => number | 'hang' = () => 200;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(received);
        const status = this.respond(received);
        if (status !== 'hang') res.writeHead(status, { 'content-type': 'text/plain' }).end('reply that must not be stored');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  deliveryIds(): string[] {
    return this.requests.map((r) => String(r.headers['bulwark-delivery']));
  }
}
