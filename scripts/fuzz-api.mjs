// `npm run fuzz:api`: schemathesis (PyPI, pinned below, installed into .venv-fuzz/ on first use)
// against `coder-conformance serve` with openapi.yaml: every response must conform to the contract
// (status, content type, headers, schema), no 5xx the contract does not declare, a declared path
// with another method is 405; then serve must stop cleanly (exit 0) and its own journal must hold
// no response-side contract violation and no 5xx (but 501 for paths no simulated service has).
// Bounded: FUZZ_API_EXAMPLES test cases per operation (default 100; CI: 15), FUZZ_API_SEED (default
// random, printed; CI fixes it), one worker. PYTHON picks the interpreter (default python3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { startServe } from './lib/serve-process.mjs';

export const SCHEMATHESIS = 'schemathesis==4.32.5';
const root = fileURLToPath(new URL('..', import.meta.url));
const venv = join(root, '.venv-fuzz');
const st = join(venv, 'bin', 'st');
const examples = Number(process.env.FUZZ_API_EXAMPLES ?? 100);
const seed = Number(process.env.FUZZ_API_SEED ?? Math.floor(Math.random() * 2 ** 31));

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function ensureSchemathesis() {
  const want = SCHEMATHESIS.split('==')[1];
  if (existsSync(st)) {
    const v = spawnSync(st, ['--version'], { encoding: 'utf8' }).stdout ?? '';
    if (v.includes(want)) return;
  }
  console.log(`fuzz:api: installing ${SCHEMATHESIS} into .venv-fuzz/`);
  const python = process.env.PYTHON ?? 'python3';
  const pip = ['install', '--disable-pip-version-check', '--quiet', SCHEMATHESIS];
  if (spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' }).status === 0) {
    sh(join(venv, 'bin', 'python'), ['-m', 'pip', ...pip]);
  } else {
    // No ensurepip (Debian without python3-venv): an empty venv, filled by the system's pip.
    sh(python, ['-m', 'venv', '--clear', '--without-pip', venv]);
    sh(python, ['-m', 'pip', '--python', join(venv, 'bin', 'python'), ...pip]);
  }
}

// Scenario and server revision per run: token auth and the three clouds, before and after expires_at.
const RUNS = [
  { scenario: 'aws-single-agent', revision: 'pr24325' },
  { scenario: 'gcp-single-agent', revision: 'pr26883' },
  { scenario: 'azure-single-agent', revision: 'pre-agent-name' },
];

ensureSchemathesis();
await buildAll();
console.log(`fuzz:api: ${examples} examples per operation, seed ${seed} (repeat with FUZZ_API_SEED=${seed})`);
const failures = [];
for (const { scenario, revision } of RUNS) {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-api-'));
  const journal = join(dir, 'journal.json');
  const serve = startServe(['--scenario', scenario, '--revision', revision, '--journal', journal]);
  try {
    const { origin, env } = await serve.ready;
    console.log(`\n== ${scenario} (${revision}) at ${origin}`);
    const checks = 'not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance';
    // coderd: a declared path with another method is the simulator's 405 (src/sim/README.md). The metadata services answer 404
    // for anything else under their prefixes (/latest/*, /metadata/*), as modelled in src/sim/cloud.
    for (const [filter, extra] of [
      [['--include-tag', 'coderd'], ',unsupported_method'],
      [['--exclude-tag', 'coderd'], ''],
    ]) {
      const args = [
        'run',
        join(root, 'openapi.yaml'),
        '--url',
        origin,
        ...filter,
        '--checks',
        checks + extra,
        '--max-examples',
        String(examples),
        '--seed',
        String(seed),
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--request-timeout',
        '30',
        '--no-color',
        '--warnings',
        'off',
        '--header',
        `Coder-Session-Token: ${env.CODER_AGENT_TOKEN ?? '11111111-1111-4111-8111-111111111111'}`,
      ];
      const r = spawnSync(st, args, { stdio: 'inherit', cwd: dir });
      if (r.status !== 0) failures.push(`${scenario} ${filter.join(' ')}: schemathesis exited ${r.status ?? r.signal}`);
    }
  } finally {
    const stopped = await serve.stop();
    if (stopped.code !== 0) failures.push(`${scenario}: serve exited ${stopped.code ?? stopped.signal}: ${stopped.stderr}`);
    if (existsSync(journal)) {
      const entries = JSON.parse(readFileSync(journal, 'utf8'));
      // 501 is the simulator's documented answer to a path no service has (schemathesis probes one).
      const bad = entries.filter(
        (e) => (e.response.status >= 500 && !(e.response.status === 501 && e.service === 'unhandled')) || e.violations.some((v) => v.startsWith('response: ')),
      );
      for (const e of bad.slice(0, 5)) failures.push(`${scenario}: journal #${e.seq} ${e.method} ${e.url}: ${e.response.status} ${e.violations.join('; ')}`);
      if (bad.length > 5) failures.push(`${scenario}: ... ${bad.length - 5} more journal entries with an undeclared 5xx or a response violation`);
      console.log(`${scenario}: the simulator journaled ${entries.length} exchanges, ${bad.length} with an undeclared 5xx or a response violation`);
    } else failures.push(`${scenario}: no journal written`);
    rmSync(dir, { recursive: true, force: true });
  }
}
if (failures.length) {
  console.log(`\nfuzz:api: FAIL\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nfuzz:api: ok');
