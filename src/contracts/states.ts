// Provider states of the coder-agent → coderd pact. A state's name is a simulator scenario name
// (fixtures/scenarios/<name>.yaml describes what it means); parameters refine it. This module is
// the one place that defines the parameters and the forged identity proofs used for the
// "invalid identity" interactions, shared by the consumer tests and the provider verification.
import type { Fault, Revision } from '../sim/index.ts';
import type { Cloud } from './proofs.ts';

/** Parameters a state may carry. */
export interface StateParams {
  /**
   * `forged`: the agent presents an identity proof that must fail verification (a tampered
   * signature). The pact carries the forged proof verbatim, so the provider needs no injection;
   * a provider just loads the scenario.
   * Absent: the proof is genuine, and the provider state must return it as injected values
   * (`signature`+`document` for AWS, `signature`+`encoding` for Azure, `json_web_token` for GCP).
   */
  identity?: 'forged';
  /** The coderd revision to simulate instead of the scenario's own (e.g. `pr26883` for `expires_at`). */
  revision?: Revision;
}

/**
 * CHOICE (the brief leaves it open): the AWS forged proof is a well-formed base64 signature of the
 * right length (256 bytes, RSA-2048) whose bytes are not a signature, so coderd fails at the RSA
 * check (`crypto/rsa: verification error`) rather than at base64 decoding.
 */
export const FORGED_AWS_SIGNATURE = Buffer.alloc(256, 0x5a).toString('base64');

/**
 * CHOICE: the Azure forged proof is base64 text that is not a PKCS#7 structure (a signature made
 * by a foreign CA would need fresh keys and could not be byte-stable in the pact).
 */
export const FORGED_AZURE_SIGNATURE = Buffer.from('forged attested document, not PKCS#7').toString('base64');

/** Scenario faults that make the metadata service hand the agent the forged proof. */
export function forgedProofFaults(cloud: Exclude<Cloud, 'gcp'>): Fault[] {
  if (cloud === 'aws') {
    return [{ operation: 'awsGetIdentitySignature', status: 200, contentType: 'text/plain', body: FORGED_AWS_SIGNATURE }];
  }
  return [
    {
      operation: 'azureGetAttestedDocument',
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ encoding: 'pkcs7', signature: FORGED_AZURE_SIGNATURE }),
    },
  ];
}
