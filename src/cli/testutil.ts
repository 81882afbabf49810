// Test helpers for src/cli tests: run the CLI in-process capturing exact stdout/stderr bytes and exit
// code, and an msw server whose per-test handlers record every request (method, URL, headers, body).
import { setupServer } from 'msw/node';
import type { RequestHandler } from 'msw';
import { run } from './run.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink() {
  const chunks: Buffer[] = [];
  return {
    write(s: string | Uint8Array) {
      chunks.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  extra: { signal?: AbortSignal; stdoutIsTTY?: boolean; termWidth?: number } = {},
): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await run({ argv, env, stdout: out, stderr: err, ...extra });
  return { code, stdout: out.text(), stderr: err.text() };
}

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** An msw server that errors on unhandled requests and records the requests of the handlers given. */
export function mswServer() {
  const server = setupServer();
  const requests: Recorded[] = [];
  server.events.on('request:start', async ({ request }) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries([...(request.headers as unknown as Iterable<[string, string]>)]),
      body,
    });
  });
  return {
    server,
    requests,
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    use: (...h: RequestHandler[]) => server.use(...h),
    reset: () => {
      server.resetHandlers();
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

export const HEADER =
  'Encountered an error running "coder external-auth access-token", see "coder external-auth access-token --help" for more information\nerror: ';
