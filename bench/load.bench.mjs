// Load on `coder-conformance serve` from a second process: autocannon holds CONNECTIONS (default
// 200) concurrent keep-alive clients on loopback for DURATION seconds (default 10), cycling through
// the agent's requests (external-auth with the agent token, the IMDSv2 token PUT, the signed
// identity document and signature, and the whole AWS instance-identity exchange, whose answer is a
// session token). Prints requests/s and latency p50/p99; any error, timeout or non-2xx answer makes
// the bench exit 1. Then the request-body cost: an instance-identity body of 1 MiB and 8 MiB
// (median of BENCH_RUNS, default 3) and their ratio (linear reading: about 8), and 8 MiB whose
// padding is all escapes (linear in escapes too: about the plain 8 MiB's time, a few times at most).
// Usage: npm run bench -- load   (CONNECTIONS=n DURATION=s to change the load)
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startServe } from '../scripts/lib/serve-process.mjs';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const DURATION = Number(process.env.DURATION ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TOKEN = '11111111-1111-4111-8111-111111111111';

const serve = startServe(['--scenario', 'aws-single-agent']);
let failed = false;
try {
  const { origin } = await serve.ready;
  // One real identity proof, fetched the way the agent does (origin-form metadata paths).
  const imds = await (await fetch(`${origin}/latest/api/token`, { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' } })).text();
  const meta = (p) => fetch(`${origin}${p}`, { headers: { 'X-aws-ec2-metadata-token': imds } }).then((r) => r.text());
  const signature = await meta('/latest/dynamic/instance-identity/signature');
  const document = await meta('/latest/dynamic/instance-identity/document');
  const check = await fetch(`${origin}/api/v2/workspaceagents/aws-instance-identity`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ signature, document }),
  });
  if (check.status !== 200) throw new Error(`the identity exchange answered ${check.status}: ${await check.text()}`);

  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: [
      { method: 'GET', path: '/api/v2/workspaceagents/me/external-auth?id=github&match=', headers: { 'Coder-Session-Token': TOKEN } },
      { method: 'PUT', path: '/latest/api/token', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' } },
      { method: 'GET', path: '/latest/dynamic/instance-identity/document', headers: { 'X-aws-ec2-metadata-token': imds } },
      {
        method: 'POST',
        path: '/api/v2/workspaceagents/aws-instance-identity',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ signature, document }),
      },
    ],
  });
  const bad = result.errors + result.timeouts + result.non2xx;
  console.log(
    `load: ${CONNECTIONS} concurrent clients for ${DURATION}s: ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s, ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  );
  if (bad > 0) failed = true;

  // Plain padding, or padding that is all escapes (`\n` in the document, `\\n` once more in the body):
  // string scanning must stay linear in the number of escapes too.
  const bodyOf = (bytes, escapes = false) => {
    const n = bytes - document.length - signature.length - 60;
    const pad = escapes ? '\\n'.repeat(Math.floor(n / 4)) : 'x'.repeat(n);
    return JSON.stringify({ signature, document: document.replace(/\}\s*$/, `, "pad": "${pad}"}`) });
  };
  // The server's own CPU time (utime + stime from /proc, in clock ticks of 10 ms): on a shared
  // machine wall time also counts the other processes' turns.
  const cpuMs = () => {
    try {
      const f = readFileSync(`/proc/${serve.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return NaN;
    }
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timeBody = async (bytes, escapes = false) => {
    const body = bodyOf(bytes, escapes);
    const wall = [];
    const cpu = [];
    for (let i = 0; i < RUNS; i++) {
      const c0 = cpuMs();
      const t0 = performance.now();
      const r = await fetch(`${origin}/api/v2/workspaceagents/aws-instance-identity`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      await r.text();
      wall.push(performance.now() - t0);
      cpu.push(cpuMs() - c0);
      // The padded document no longer matches its signature: coderd's 401.
      if (r.status !== 401) throw new Error(`a ${bytes}-byte body answered ${r.status}`);
    }
    return { wall: median(wall), cpu: median(cpu) };
  };
  await timeBody(1 << 20); // warm-up (first validation compiles the contract's schemas)
  const one = await timeBody(1 << 20);
  const eight = await timeBody(8 << 20);
  const eightEscaped = await timeBody(8 << 20, true);
  const s = (ms) => `${(ms / 1000).toFixed(3)}s`;
  console.log(
    `request body (instance identity: read, decoded twice, verified, journaled, validated), median of ${RUNS}: ` +
      `1 MiB ${s(one.wall)} (server CPU ${s(one.cpu)}), 8 MiB ${s(eight.wall)} (server CPU ${s(eight.cpu)}), ratio ${(eight.wall / one.wall).toFixed(1)}; ` +
      `8 MiB of escapes ${s(eightEscaped.wall)} (server CPU ${s(eightEscaped.cpu)})`,
  );
} finally {
  const stopped = await serve.stop();
  if (stopped.code !== 0) {
    console.log(`serve exited ${stopped.code ?? stopped.signal}: ${stopped.stderr}`);
    failed = true;
  }
}
if (failed) process.exitCode = 1;
