// `npm run lint:openapi`: Redocly's `lint openapi.yaml`, with one thing removed from its output: the
// boxed "Node.js 20 support is ending" banner Redocly CLI 2.x prints on every run under Node 20 (it has
// no option or variable to turn it off, and this project is pinned to Node 20). Everything else Redocly
// prints, and its exit code, pass through unchanged.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require.resolve('@redocly/cli/package.json');
const bin = join(dirname(pkg), require(pkg).bin.redocly ?? require(pkg).bin.openapi);

/** Drops a box (╔ … ╚ lines) that holds the Node 20 deprecation text, and the blank line before it. */
function dropNode20Banner(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trimStart().startsWith('╔')) {
      const end = lines.findIndex((l, j) => j > i && l.trimStart().startsWith('╚'));
      if (end > i && lines.slice(i, end).some((l) => l.includes('Node.js 20 support is ending'))) {
        while (out.length && out[out.length - 1].trim() === '') out.pop();
        i = end;
        if (lines[i + 1]?.trim() === '') i++;
        continue;
      }
    }
    out.push(lines[i]);
  }
  return out.join('\n').replace(/^\n+/, '');
}

const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [bin, 'lint', ...(args.length ? args : ['openapi.yaml'])], { encoding: 'utf8' });
if (r.error) {
  process.stderr.write(`lint-openapi: cannot run redocly: ${r.error.message}\n`);
  process.exit(2);
}
process.stdout.write(dropNode20Banner(r.stdout));
process.stderr.write(dropNode20Banner(r.stderr));
process.exit(r.status ?? 1);
