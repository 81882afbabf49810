// Builds the Go oracle (oracles/go) once and caches the binary outside the repository, keyed by a hash
// of its sources and the `go version`: $GO_ORACLE_CACHE, else $XDG_CACHE_HOME/coder-agent-conformance,
// else ~/.cache/coder-agent-conformance, else the OS temp folder. Nothing built is ever written into the
// checkout. Modules come through the Go module proxy as configured (GOPROXY); go.sum pins them.
//
// buildGoOracle() → { bin, goVersion } | { skip: reason }. Without a `go` command it skips, except in CI
// (env CI set), where it throws: the differential tests must not silently vanish there.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ORACLE_DIR = fileURLToPath(new URL('../oracles/go/', import.meta.url));

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.go$|^go\.(mod|sum)$/.test(name)) out.push(p);
  }
  return out;
}

export function cacheRoot(env = process.env) {
  if (env.GO_ORACLE_CACHE) return env.GO_ORACLE_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'coder-agent-conformance');
  const home = homedir();
  if (home && existsSync(home)) return join(home, '.cache', 'coder-agent-conformance');
  return join(tmpdir(), 'coder-agent-conformance-cache');
}

function goVersion() {
  try {
    return execFileSync('go', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return undefined;
  }
}

export function buildGoOracle(env = process.env) {
  const version = goVersion();
  if (version === undefined) {
    const reason = 'Go is not installed (no `go` on PATH): the differential tests against the Go oracle are skipped';
    if (env.CI) throw new Error(`${reason} — not allowed in CI (CI is set); install Go 1.26`);
    return { skip: reason };
  }
  const h = createHash('sha256').update(version);
  for (const f of sourceFiles(ORACLE_DIR)) h.update(relative(ORACLE_DIR, f)).update('\0').update(readFileSync(f)).update('\0');
  const dir = join(cacheRoot(env), 'go-oracle', h.digest('hex').slice(0, 16));
  const bin = join(dir, 'oracle');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`;
    try {
      execFileSync('go', ['build', '-mod=readonly', '-trimpath', '-o', tmp, '.'], {
        cwd: ORACLE_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...env, CGO_ENABLED: '0' },
      });
    } catch (e) {
      throw new Error(`building the Go oracle (oracles/go) failed:\n${e.stderr?.toString() ?? e.message}`);
    }
    renameSync(tmp, bin); // atomic: a concurrent build of the same sources wins or loses whole
  }
  return { bin, goVersion: version };
}
