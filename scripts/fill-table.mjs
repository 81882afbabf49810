// `npm run fill-table -- TABLE --bin CODER [--profile P]`: fills a table's unknown expectations from a
// real build. In conformance/templates/tables/TABLE.yaml, write a new row with `exit: "?"`,
// `stdout: "?"` and/or `stderr: "?"` (one row per line, `- {name: ..., ...}`); this generates the cases,
// runs the table's cases against CODER under the profile (default pr26883), and writes what the build
// printed in place of each "?" (the simulator's port as {port}). Read every filled value before you commit it: the
// build is the evidence, not a judge. Rows without a "?" are left as they are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { yamlString } from './generate-cases.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function usage(message) {
  console.error(`fill-table: ${message}\nusage: npm run fill-table -- TABLE --bin PATH/TO/coder [--profile pr26883]`);
  process.exit(2);
}

/** The simulator's port of one run result: the loopback port its proxy variables name. */
export function simulatorPort(result) {
  const env = result?.invocation?.env ?? {};
  for (const k of ['HTTP_PROXY', 'CODER_AGENT_URL', 'GCE_METADATA_HOST']) {
    const m = /(?:^|\/\/)127\.0\.0\.1:(\d+)/.exec(env[k] ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** Text with the simulator's port (after any host: 127.0.0.1, localhost, 0.0.0.0, an IPv6 literal) as {port}. */
export function maskPort(s, port) {
  return port === undefined ? s : s.replace(new RegExp(`:${port}(?!\\d)`, 'g'), ':{port}');
}

/** yamlString with U+FFFD escaped as well, so that a reader sees where Go wrote one. */
const visible = (s) => yamlString(s).replaceAll('\ufffd', '\\ufffd');

/** The row line `- {name: NAME, ...}` with each "?" of exit/stdout/stderr replaced by what the process did. */
export function fillLine(line, proc, port) {
  return line
    .replace('exit: "?"', () => `exit: ${proc.exitCode}`)
    .replace('stdout: "?"', () => `stdout: ${visible(maskPort(proc.stdout, port))}`)
    .replace('stderr: "?"', () => `stderr: ${visible(maskPort(proc.stderr, port))}`);
}

function main(argv) {
  const [table, ...rest] = argv;
  if (!table || table.startsWith('-')) usage('name a table (a file of conformance/templates/tables/, without .yaml)');
  let bin;
  let profile = 'pr26883';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--bin') bin = rest[++i];
    else if (rest[i] === '--profile') profile = rest[++i];
    else usage(`unknown argument ${JSON.stringify(rest[i])}`);
  }
  if (!bin) usage('--bin is required: the coder build whose output becomes the expectation');
  const file = join(root, 'conformance/templates/tables', `${table}.yaml`);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    usage(`no table ${file}`);
  }
  const doc = parse(text);
  const todo = doc.rows.filter((r) => ['exit', 'stdout', 'stderr'].some((k) => r[k] === '?'));
  if (todo.length === 0) {
    console.log(`fill-table: no "?" in ${table}; nothing to fill`);
    return;
  }
  const generate = () => execFileSync(process.execPath, [join(root, 'scripts/generate-cases.mjs')], { cwd: root, stdio: 'ignore' });
  // Generate with exit 0 in place of "?" (the case schema needs a number), then restore the table.
  writeFileSync(file, text.replaceAll('exit: "?"', 'exit: 0'));
  try {
    generate();
  } finally {
    writeFileSync(file, text);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fill-table-'));
  const out = join(dir, 'report.json');
  const prefix = doc.path.split('{{')[0];
  let why = '';
  try {
    execFileSync(
      process.execPath,
      [join(root, 'bin/coder-conformance'), 'run', '--profile', profile, '--filter', `${prefix}**`, '--bin', bin, '--reporter', 'json', '--out', out],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    why = String(e.stderr ?? '').trim(); // a run with failures exits 1 too: then the report is what matters
  }
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    rmSync(dir, { recursive: true, force: true });
    console.error(`fill-table: the run of ${prefix}** against ${bin} wrote no report${why ? `:\n${why}` : ''}`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(report.results.map((r) => [r.id, r]));
  const lines = text.split('\n');
  const missing = [];
  for (const row of todo) {
    const id = doc.path.replaceAll('{{name}}', row.name);
    const result = byId.get(id);
    const proc = result?.process;
    const at = lines.findIndex((l) => l.startsWith(`- {name: ${row.name},`) || l.startsWith(`- {name: '${row.name}',`));
    if (!proc || at < 0) {
      missing.push(`${row.name} (${!proc ? 'no result: not run under this profile?' : 'not a one-line row'})`);
      continue;
    }
    lines[at] = fillLine(lines[at], proc, simulatorPort(result));
  }
  writeFileSync(file, lines.join('\n'));
  generate();
  console.log(`fill-table: filled ${todo.length - missing.length} of ${todo.length} rows of ${table} from ${bin} (profile ${profile})`);
  if (missing.length) {
    console.error(`fill-table: not filled: ${missing.join(', ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
