// `coder-conformance upstream ...`: builds real upstream `coder` binaries from the Go module proxy
// (build.ts) so the suite can be run against them. Returns the exit code; never exits itself.
import { buildUpstream, cacheRoot, UpstreamBuildError } from './build.ts';

export interface UpstreamIO {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  signal?: AbortSignal;
}

export const UPSTREAM_USAGE = `Usage: coder-conformance upstream build <version> [--no-slim]

Builds upstream's coder CLI (github.com/coder/coder/v2@<version>, ./cmd/coder) with the Go
toolchain on PATH through the Go module proxy (GOPROXY as configured): \`go mod download\`, then
\`go build -tags slim\` inside the downloaded module (without tags if the slim build fails).
The binary is cached at \${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance/upstream/<version>/coder
and reused when present. Prints the binary's path, \`coder version\` and the Go version.

  <version>    a release tag (v2.36.0) or a pseudo-version of a commit
  --no-slim    build the full CLI only

Exit codes: 0 built or reused; 2 bad arguments, or the version could not be downloaded or built.
Then: coder-conformance run --bin <path> --profile <profile> --level strict
`;

function fail(io: UpstreamIO, message: string, tail: string[] = []): number {
  io.stderr.write(`coder-conformance: upstream build${message}\n`);
  if (tail.length) io.stderr.write(`last lines of go output:\n${tail.map((l) => `  ${l}`).join('\n')}\n`);
  return 2;
}

export async function upstreamCommand(io: UpstreamIO): Promise<number> {
  const [sub, ...rest] = io.argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(UPSTREAM_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'build') {
    io.stderr.write(`coder-conformance: upstream: unknown command ${JSON.stringify(sub)}\n${UPSTREAM_USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(UPSTREAM_USAGE);
    return 0;
  }
  let slim = true;
  const positional: string[] = [];
  for (const a of rest) {
    if (a === '--no-slim') slim = false;
    else if (a.startsWith('-')) return fail(io, `: unknown option ${JSON.stringify(a)} (see: coder-conformance upstream --help)`);
    else positional.push(a);
  }
  if (positional.length !== 1) return fail(io, `: want exactly one <version>, got ${positional.length} (see: coder-conformance upstream --help)`);
  const version = positional[0]!;
  try {
    const info = await buildUpstream({ version, env: io.env, slim, signal: io.signal, log: (l) => io.stderr.write(`coder-conformance: ${l}\n`) });
    io.stdout.write(
      [
        `binary: ${info.binary}`,
        `version: ${info.version}${info.cached ? ' (cached)' : ` (built in ${info.buildSeconds} s${info.tags.length ? `, -tags ${info.tags.join(',')}` : ''})`}`,
        `go: ${info.goVersion}`,
        'coder version:',
        ...info.coderVersion.split('\n').map((l) => (l ? `  ${l}` : '')),
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof UpstreamBuildError) {
      const msg = err.message.startsWith(`${version}:`) ? err.message : `${version}: ${err.message}`;
      return fail(io, ` ${msg}`, err.tail);
    }
    throw err;
  }
}

export { cacheRoot };
