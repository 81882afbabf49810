// vitest global setup: build dist/ once before any test, so child-process tests (bin/coder, the
// conformance runner, the simulator end-to-end tests) always run the current sources.
import { buildAll } from './build.mjs';

export default async function setup() {
  await buildAll();
}
