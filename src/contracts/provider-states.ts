// Provider-state handlers for verifying the pact against the simulator: each state name is a
// scenario name; setting it up loads that scenario into the running simulator and, for a cloud
// scenario with a genuine proof, returns a fresh proof as the values the verifier injects into
// the request (fields marked fromProviderState in the consumer tests).
import { isRevision, REVISIONS } from '../revisions/index.ts';
import { loadScenario, type Scenario } from '../sim/index.ts';
import type { PactFile, PactProviderState } from './pact-file.ts';
import { cloudOfScenario, readProof } from './proofs.ts';
import type { StateParams } from './states.ts';

/** What verification needs from a running simulator (src/sim startSimulator's result). */
export interface StatefulProvider {
  env: Record<string, string>;
  setScenario(nameOrScenario: string | Scenario): unknown;
}

type JsonMap = { [k: string]: string | number | boolean | null | JsonMap | JsonMap[] | string[] };
export type StateSetup = (params?: unknown) => Promise<JsonMap | undefined>;

export function stateNames(pact: PactFile): string[] {
  const names = new Set<string>();
  for (const i of pact.interactions) for (const s of i.providerStates ?? []) names.add(s.name);
  return [...names].sort();
}

function paramsOf(p: unknown): StateParams {
  if (p === undefined || p === null) return {};
  if (typeof p !== 'object' || Array.isArray(p)) throw new Error(`state parameters must be an object, got ${JSON.stringify(p)}`);
  const params = p as Record<string, unknown>;
  for (const [k, v] of Object.entries(params)) {
    if (k === 'identity') {
      if (v !== 'forged') throw new Error(`state parameter identity must be "forged", got ${JSON.stringify(v)}`);
    } else if (k === 'revision') {
      if (!isRevision(v)) throw new Error(`state parameter revision must be one of ${REVISIONS.join(', ')}, got ${JSON.stringify(v)}`);
    } else {
      throw new Error(`unknown state parameter ${JSON.stringify(k)}`);
    }
  }
  return params as StateParams;
}

/** The scenario a state stands for: the named file, with the revision parameter applied. */
export function scenarioForState(name: string, params: StateParams): Scenario {
  const scenario = loadScenario(name);
  return params.revision === undefined ? scenario : { ...scenario, revision: params.revision };
}

/** One handler per state name; unknown parameters fail the state (and so the interaction). */
export function createStateHandlers(provider: StatefulProvider, names: string[]): Record<string, StateSetup> {
  const handlers: Record<string, StateSetup> = {};
  for (const name of names) {
    handlers[name] = async (raw?: unknown) => {
      const params = paramsOf(raw);
      await provider.setScenario(scenarioForState(name, params));
      const cloud = cloudOfScenario(name);
      if (cloud === undefined || params.identity === 'forged') return undefined;
      return { ...(await readProof(cloud, provider.env)) };
    };
  }
  return handlers;
}

export type { PactProviderState };
