// Starts `coder-conformance serve` in a process of its own (the built command, bin/coder-conformance)
// and waits for its "listening on" line; shared by the load bench, the soak's helpers and the
// schemathesis run. stop() sends SIGTERM and resolves with the exit code and stderr.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/coder-conformance', import.meta.url));

export function startServe(args, { env = process.env, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const onData = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(stdout);
      if (m) {
        child.stdout.off('data', onData);
        const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((x) => [x[1], x[2]]));
        resolve({ origin: m[1], port: Number(m[2]), env });
      }
    };
    child.stdout.on('data', onData);
    exited.then(({ code, signal }) => reject(new Error(`serve exited (${code ?? signal}) before listening: ${stderr}`)));
  });
  return {
    child,
    ready,
    get stderr() {
      return stderr;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const r = await exited;
      return { ...r, stderr };
    },
  };
}
