// The V8 code cache of the reference's bundle (dist/coder.cjs.cache), made at build time (scripts/build.mjs)
// and used by bin/coder: a start then deserializes bytecode instead of parsing 230 KB and compiling each
// function it runs (bench/cold-start.bench.mjs: --help 1.38x -> 1.16x `node -e 0`; an exchange ~7 ms of CPU less).
//
// The cache holds the bytecode of every function the bundle ran before it was taken: here --help, the
// usage error without a provider, and one token exchange with a server of ours on 127.0.0.1 (each run with
// its output discarded). It is valid only for the very bundle text it was made from: the build appends a
// token (the SHA-256 of the text) to the bundle and writes the same token first in the cache file; bin/coder
// uses the cache only when they agree, and V8 itself refuses a cache from another Node version or other flags.
// Made in a child process without NODE_OPTIONS, so that its V8 flags are those of a plain `node bin/coder`.
//
// Why not a library: v8-compile-cache writes its cache into the temp directory at the end of every run;
// a conformance reference should not write files as it runs, and a cache made once at build time is the same
// on every run. (Node 22's module.enableCompileCache() is not in Node 20.)
//
// Usage: node scripts/code-cache.mjs dist/coder.cjs           writes dist/coder.cjs.cache (exit 1 with a reason if it cannot)
//        node scripts/code-cache.mjs --check dist/coder.cjs   says whether bin/coder would start from it
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';
import { createRequire } from 'node:module';

/** The line the build appends to the bundle; bin/coder reads the token back from it. */
export const TOKEN_PREFIX = '\n//# code-cache-token ';

/** The bundle's text with its token line (SHA-256 of the text before it). */
export function withToken(text) {
  return `${text}${TOKEN_PREFIX}${createHash('sha256').update(text).digest('hex')}\n`;
}

/** The wrapper Node's CommonJS loader puts around a module; bin/coder compiles the same text (else V8 refuses the cache). */
export const wrap = (source) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const RUN_TIMEOUT_MS = 20_000;

/** Whether bin/coder starts from the bundle's cache, as bin/coder decides it (in a plain `node`, for its V8 flags). */
export function cacheState(file) {
  if (!fs.existsSync(`${file}.cache`)) return 'none (npm run build makes it)';
  const source = fs.readFileSync(file, 'utf8');
  const cache = fs.readFileSync(`${file}.cache`);
  if (cache[64] !== 0x0a || !source.endsWith(`${TOKEN_PREFIX}${cache.toString('latin1', 0, 64)}\n`)) return 'not used: made from another build of the bundle';
  const script = new Script(wrap(source), { filename: file, cachedData: cache.subarray(65) });
  return script.cachedDataRejected ? 'not used: refused by V8 (another Node version or other flags)' : `used (${Math.round(cache.length / 1024)} KB)`;
}

/** Runs the bundle's main once with argv and env, its output discarded; resolves with its exit code. */
function runOnce(fn, file, argv, env) {
  return new Promise((resolvePromise, reject) => {
    const saved = { argv: process.argv, env: process.env, exit: process.exit };
    const timer = setTimeout(() => reject(new Error(`${argv.join(' ')} did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
    process.argv = [process.execPath, file, ...argv];
    process.env = { ...env };
    process.exit = (code) => {
      clearTimeout(timer);
      Object.assign(process, saved);
      resolvePromise(code ?? 0);
    };
    const module = { exports: {} };
    fn(module.exports, createRequire(file), module, file, dirname(file));
  });
}

async function main(file) {
  const source = fs.readFileSync(file, 'utf8');
  const token = source.slice(source.lastIndexOf(TOKEN_PREFIX) + TOKEN_PREFIX.length).trim();
  if (!/^[0-9a-f]{64}$/.test(token)) throw new Error(`${file} has no code-cache token line: build it with scripts/build.mjs`);
  const script = new Script(wrap(source), { filename: file });
  const fn = script.runInThisContext();
  // The bundle writes with fs.writeSync on fds 1 and 2: what it prints here is dropped.
  const writeSync = fs.writeSync;
  fs.writeSync = (fd, data, ...rest) => (fd === 1 || fd === 2 ? data.length : writeSync(fd, data, ...rest));
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"access_token":"code-cache","type":"","url":""}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${server.address().port}`;
    const runs = [
      [['external-auth', 'access-token', '--help'], {}, 0],
      [['external-auth', 'access-token'], {}, 1],
      [['external-auth', 'access-token', 'github'], { CODER_AGENT_URL: url, CODER_AGENT_TOKEN: 'code-cache' }, 0],
    ];
    for (const [argv, env, want] of runs) {
      const code = await runOnce(fn, file, argv, env);
      if (code !== want) throw new Error(`coder ${argv.join(' ')} exited ${code}, not ${want}`);
    }
  } finally {
    fs.writeSync = writeSync;
    server.close();
  }
  fs.writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(`${token}\n`), script.createCachedData()]));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const check = process.argv[2] === '--check';
  const file = process.argv[check ? 3 : 2];
  if (!file) {
    process.stderr.write('usage: node scripts/code-cache.mjs [--check] <bundle.cjs>\n');
    process.exit(2);
  }
  if (check) {
    process.stdout.write(`${cacheState(resolve(file))}\n`);
    process.exit(0);
  }
  try {
    await main(resolve(file));
    process.exit(0);
  } catch (e) {
    process.stderr.write(`code-cache: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
