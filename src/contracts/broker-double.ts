// A Pact Broker test double on 127.0.0.1 (ephemeral port): answers the HAL index and the
// `pb:publish-contracts` endpoint the way a broker does, enforces one expected Authorization
// header, and records every call so tests can assert exactly what the publish client sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrokerCall {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface BrokerDoubleOptions {
  /** Exact Authorization header the broker accepts; anything else gets 401. */
  authorization: string;
  /** Advertise `pb:publish-contracts` in the index (brokers >= 2.86 do). Default true. */
  publishContracts?: boolean;
}

export interface BrokerDouble {
  url: string;
  calls: BrokerCall[];
  close(): Promise<void>;
}

interface PublishRequest {
  pacticipantName?: unknown;
  pacticipantVersionNumber?: unknown;
  branch?: unknown;
  tags?: unknown;
  contracts?: Array<{ consumerName?: unknown; providerName?: unknown }>;
}

export async function startBrokerDouble(opts: BrokerDoubleOptions): Promise<BrokerDouble> {
  const calls: BrokerCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      calls.push({ method: req.method ?? '', path, headers: req.headers, body });
      const base = `http://${req.headers.host}`;
      const send = (status: number, doc: unknown) => {
        res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8' });
        res.end(JSON.stringify(doc));
      };
      if (req.headers.authorization !== opts.authorization) {
        send(401, { error: 'Unauthorized' });
        return;
      }
      if (req.method === 'GET' && path === '/') {
        const links: Record<string, { href: string; title?: string; templated?: boolean }> = {
          self: { href: base, title: 'Index' },
          'pb:latest-provider-pacts': { href: `${base}/pacts/provider/{provider}/latest`, templated: true },
          'pb:pacticipant': { href: `${base}/pacticipants/{pacticipant}`, templated: true },
        };
        if (opts.publishContracts !== false) {
          links['pb:publish-contracts'] = { href: `${base}/contracts/publish`, title: 'Publish contracts' };
        }
        send(200, { _links: links });
        return;
      }
      if (req.method === 'POST' && path === '/contracts/publish' && opts.publishContracts !== false) {
        let doc: PublishRequest;
        try {
          doc = JSON.parse(body) as PublishRequest;
        } catch {
          send(400, { errors: { body: ['not JSON'] } });
          return;
        }
        const consumer = String(doc.pacticipantName);
        const version = String(doc.pacticipantVersionNumber);
        const pv = `${base}/pacticipants/${encodeURIComponent(consumer)}/versions/${encodeURIComponent(version)}`;
        send(200, {
          notices: [{ type: 'success', text: `Created ${consumer} version ${version} with branch ${String(doc.branch)}` }],
          _embedded: { pacticipant: { name: consumer }, version: { number: version } },
          _links: {
            'pb:pacticipant': { title: 'Pacticipant', name: consumer, href: `${base}/pacticipants/${encodeURIComponent(consumer)}` },
            'pb:pacticipant-version': { title: 'Pacticipant version', name: version, href: pv },
            'pb:pacticipant-version-tags': [],
            'pb:contracts': (doc.contracts ?? []).map((c) => ({
              title: 'Pact',
              name: `Pact between ${String(c.consumerName)} (${version}) and ${String(c.providerName)}`,
              href: `${base}/pacts/provider/${encodeURIComponent(String(c.providerName))}/consumer/${encodeURIComponent(String(c.consumerName))}/version/${encodeURIComponent(version)}`,
            })),
          },
        });
        return;
      }
      send(404, { error: `no route ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
