// Builds upstream's `coder` CLI for one module version of github.com/coder/coder/v2 with the
// ordinary Go toolchain through the Go module proxy, into a user cache outside the repository:
//   go mod download -json github.com/coder/coder/v2@VERSION
//   go build -tags slim -ldflags "-s -w -X .../buildinfo.tag=X.Y.Z" -o <tmp>/coder ./cmd/coder
// run inside the downloaded module (so its own go.mod and replace directives apply). The binary is
// built in a temporary folder next to the cache entry and renamed into place only once it ran
// `coder version`: the cache never holds a half-built entry. No upstream source enters the repo.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, setPriority } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { execa } from 'execa';

export const UPSTREAM_MODULE = 'github.com/coder/coder/v2';
export const UPSTREAM_PACKAGE = './cmd/coder';
/** Lines of go's output quoted in an error. */
export const TAIL_LINES = 20;

/** A build problem: the message is one line naming the version; `tail` holds go's last lines. */
export class UpstreamBuildError extends Error {
  constructor(
    message: string,
    readonly tail: string[] = [],
  ) {
    super(message);
  }
}

export interface BuildOptions {
  version: string;
  /** The environment go runs with (GOPROXY, GOFLAGS, GOMODCACHE, ... are the user's). */
  env: Record<string, string | undefined>;
  /** Overrides the cache root (default `${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance`). */
  cacheRoot?: string;
  /** `-tags slim` first (default); false builds the full CLI only. */
  slim?: boolean;
  /** Progress lines (to stderr in the command). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface BuildInfo {
  version: string;
  module: string;
  binary: string;
  /** `coder version` output of the binary. */
  coderVersion: string;
  /** The Go toolchain that built it (`go version BINARY`). */
  goVersion: string;
  tags: string[];
  builtAt: string;
  buildSeconds: number;
  /** Whether this call reused an existing cache entry. */
  cached: boolean;
}

// A release tag or a pseudo-version (vX.Y.Z, vX.Y.Z-pre, vX.Y.Z-0.yyyymmddhhmmss-abcdef123456); no
// queries such as `latest` or branch names: a cache entry must name one immutable version.
const VERSION_RE = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function checkVersion(version: string): void {
  if (!VERSION_RE.test(version)) {
    throw new UpstreamBuildError(
      `${JSON.stringify(version)} is not a module version of ${UPSTREAM_MODULE} (want a release tag such as v2.36.0 or a pseudo-version such as v2.33.0-rc.0.20260416120000-0123456789ab)`,
    );
  }
}

export function cacheRoot(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'coder-agent-conformance');
}

export function entryDir(root: string, version: string): string {
  return join(root, 'upstream', version);
}

const INFO_FILE = 'build.json';

/** The cache entry for a version, or undefined when it is absent (or not a complete entry). */
export function cachedBuild(root: string, version: string): BuildInfo | undefined {
  const dir = entryDir(root, version);
  try {
    const info = JSON.parse(readFileSync(join(dir, INFO_FILE), 'utf8')) as BuildInfo;
    accessSync(join(dir, 'coder'), constants.X_OK);
    return { ...info, binary: join(dir, 'coder'), cached: true };
  } catch {
    return undefined;
  }
}

function findGo(env: Record<string, string | undefined>): string {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, 'go');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  throw new UpstreamBuildError('go not found on PATH (Go 1.25 or newer is needed to build upstream coder)');
}

function tailOf(text: string, n = TAIL_LINES): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - n));
}

// proxy.golang.org answers 403 "This module version is not available." for a version it filters
// (and, where the proxy is filtered, for a version that does not exist); 404/410 for unknown ones.
const REFUSED_RE = /\b403 Forbidden\b|This module version is not available/;
const UNKNOWN_RE = /\b404 Not Found\b|\b410 Gone\b|unknown revision|invalid version/;

interface GoRun {
  exitCode: number | undefined;
  output: string;
}

async function runGo(go: string, args: string[], cwd: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<GoRun> {
  const child = execa(go, args, { cwd, env, extendEnv: false, all: true, reject: false, stdin: 'ignore', cancelSignal: signal, stripFinalNewline: false });
  // Builds are heavy and the machine is shared: the go command (and the compilers it starts) run
  // at a lower priority.
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 10);
    } catch {
      // not permitted: build at normal priority
    }
  }
  const r = await child;
  if (r.isCanceled) throw new UpstreamBuildError('interrupted');
  return { exitCode: r.exitCode, output: String(r.all ?? '') };
}

/** Removes temporary build folders left by builds that are no longer running (a SIGKILL, a crash). */
function sweepAbandoned(upstreamDir: string): void {
  let names: string[];
  try {
    names = readdirSync(upstreamDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\.building-.+-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(upstreamDir, name), { recursive: true, force: true });
  }
}

interface DownloadJson {
  Dir?: string;
  Error?: string;
  Version?: string;
}

/** Builds (or reuses) upstream coder at `version`. Throws UpstreamBuildError on every failure. */
export async function buildUpstream(o: BuildOptions): Promise<BuildInfo> {
  const { version } = o;
  const log = o.log ?? (() => undefined);
  checkVersion(version);
  const root = o.cacheRoot ?? cacheRoot(o.env);
  const hit = cachedBuild(root, version);
  if (hit) return hit;

  const go = findGo(o.env);
  const upstreamDir = join(root, 'upstream');
  mkdirSync(upstreamDir, { recursive: true });
  sweepAbandoned(upstreamDir);
  const started = Date.now();
  // Go runs with the user's environment; GOWORK=off so a go.work around the working folder never
  // changes the build.
  const env = { ...o.env, GOWORK: 'off' };

  // 1. The module, through the proxy (GOPROXY as configured).
  log(`go mod download -json ${UPSTREAM_MODULE}@${version}`);
  const dl = await runGo(go, ['mod', 'download', '-json', `${UPSTREAM_MODULE}@${version}`], upstreamDir, env, o.signal);
  let parsed: DownloadJson = {};
  try {
    parsed = JSON.parse(dl.output.slice(dl.output.indexOf('{'))) as DownloadJson;
  } catch {
    // not JSON: go failed before it could say anything about the module
  }
  if (dl.exitCode !== 0 || !parsed.Dir) {
    const why = parsed.Error ?? '';
    const text = why || dl.output;
    const what = REFUSED_RE.test(text)
      ? `the Go module proxy refused ${UPSTREAM_MODULE}@${version} (403: not served by this proxy, or no such version)`
      : UNKNOWN_RE.test(text)
        ? `unknown version: the Go module proxy has no ${UPSTREAM_MODULE}@${version}`
        : `cannot download ${UPSTREAM_MODULE}@${version}`;
    throw new UpstreamBuildError(`${version}: ${what} (go mod download, exit ${dl.exitCode ?? 'none'})`, tailOf(text));
  }
  const moduleDir = parsed.Dir;

  // 2. The build, in a temporary folder beside the cache entry.
  const tmp = join(upstreamDir, `.building-${version}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  try {
    const out = join(tmp, 'coder');
    const ldflags = `-s -w -X github.com/coder/coder/v2/buildinfo.tag=${version.slice(1)}`;
    const attempts: string[][] = o.slim === false ? [[]] : [['slim'], []];
    let built: string[] | undefined;
    let last: GoRun | undefined;
    for (const tags of attempts) {
      const args = ['build', ...(tags.length ? ['-tags', tags.join(',')] : []), '-ldflags', ldflags, '-o', out, UPSTREAM_PACKAGE];
      log(`go ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}  (in ${moduleDir})`);
      last = await runGo(go, args, moduleDir, env, o.signal);
      if (last.exitCode === 0) {
        built = tags;
        break;
      }
      // A module the proxy refuses fails every build the same way: do not retry without slim.
      if (REFUSED_RE.test(last.output)) break;
      if (tags.length) log(`the -tags ${tags.join(',')} build failed; trying without tags`);
    }
    if (!built) {
      const refused = last !== undefined && REFUSED_RE.test(last.output);
      const what = refused ? 'go build failed: the Go module proxy refused a module it needs' : 'go build failed';
      throw new UpstreamBuildError(`${version}: ${what} (${UPSTREAM_PACKAGE}, exit ${last?.exitCode ?? 'none'})`, tailOf(last?.output ?? ''));
    }

    // 3. It must run.
    const ver = await execa(out, ['version'], {
      env: { PATH: o.env.PATH, HOME: tmp },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      all: true,
      timeout: 60_000,
    });
    if (ver.exitCode !== 0) {
      throw new UpstreamBuildError(`${version}: the built binary failed \`coder version\` (exit ${ver.exitCode ?? ver.signal})`, tailOf(String(ver.all ?? '')));
    }
    const gov = await runGo(go, ['version', out], tmp, env, o.signal);
    const goVersion = /:\s*(go\S+)/.exec(gov.output)?.[1] ?? gov.output.trim();
    const info: BuildInfo = {
      version,
      module: UPSTREAM_MODULE,
      binary: '',
      coderVersion: String(ver.all ?? '').trim(),
      goVersion,
      tags: built,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((Date.now() - started) / 1000),
      cached: false,
    };
    writeFileSync(join(tmp, INFO_FILE), `${JSON.stringify({ ...info, binary: undefined, cached: undefined }, null, 2)}\n`);
    const dest = entryDir(root, version);
    // An incomplete entry (its binary deleted by hand, say) is replaced.
    if (existsSync(dest) && !cachedBuild(root, version)) rmSync(dest, { recursive: true, force: true });
    try {
      renameSync(tmp, dest);
    } catch (err) {
      // A concurrent build of the same version finished first: keep its entry.
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && cachedBuild(root, version)) {
        rmSync(tmp, { recursive: true, force: true });
        return { ...cachedBuild(root, version)!, cached: true };
      }
      throw err;
    }
    return { ...info, binary: join(dest, 'coder') };
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  }
}
