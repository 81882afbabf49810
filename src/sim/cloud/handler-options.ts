// What every metadata handler is a pure function of: the suite's keys, the simulated machine, and
// the clock (injected so tests can expire tokens without waiting).
import type { MetadataConfig } from './config.ts';
import type { CloudKeys } from './keys.ts';

export interface MetadataHandlerOptions {
  keys: CloudKeys;
  machine: MetadataConfig;
  now?: () => Date;
}

export function clockOf(opts: MetadataHandlerOptions): () => Date {
  return opts.now ?? (() => new Date());
}
