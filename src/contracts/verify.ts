// Provider verification: runs the Pact Verifier (@pact-foundation/pact) over a pact file against
// the simulator served on loopback, with one state handler per provider state (scenario name).
// Proves the simulator honours every interaction the consumer recorded.
import { Verifier } from '@pact-foundation/pact';
import { startSimulator } from '../sim/index.ts';
import { PACT_FILE, PROVIDER } from './names.ts';
import { readPact } from './pact-file.ts';
import { createStateHandlers, stateNames } from './provider-states.ts';

export interface VerifyOptions {
  pactFile?: string;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** Resolves when every interaction verifies; rejects with the verifier's failure otherwise. */
export async function verifyAgainstSimulator(opts: VerifyOptions = {}): Promise<void> {
  const pactFile = opts.pactFile ?? PACT_FILE;
  const pact = await readPact(pactFile);
  if (pact.provider.name !== PROVIDER) {
    throw new Error(`${pactFile} is a pact with provider ${JSON.stringify(pact.provider.name)}, not ${JSON.stringify(PROVIDER)}`);
  }
  process.env.PACT_DO_NOT_TRACK = 'true';
  const sim = await startSimulator({ scenario: 'external-auth' });
  try {
    await new Verifier({
      provider: PROVIDER,
      providerBaseUrl: sim.origin,
      pactUrls: [pactFile],
      stateHandlers: createStateHandlers(sim, stateNames(pact)),
      logLevel: opts.logLevel ?? 'warn',
    }).verifyProvider();
  } finally {
    await sim.close();
  }
}
