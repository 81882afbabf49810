// Bundles the executables with esbuild.
// The reference CLI (bin/coder) is bundled whole: no runtime dependencies, fast cold start.
// The conformance tool (bin/coder-conformance) keeps its npm dependencies external.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/coder.mjs' },
];

await Promise.all(entries.map((e) => build({ ...common, ...e })));
