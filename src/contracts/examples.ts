// Example values written into the pact for fields whose real value cannot be byte-stable: genuine
// identity proofs are signed with keys the simulator makes per process (and GCP JWTs carry
// timestamps), so the pact records these examples and marks the fields fromProviderState; the
// provider state supplies a real proof at verification time. Each example has the real shape
// (and passes openapi.yaml's schema) but is not a valid proof.

/** Shape of an IMDS signature: base64 of 256 bytes, wrapped at 76 characters like the simulator's. */
export const EXAMPLE_AWS_SIGNATURE = (
  Buffer.from('example AWS instance identity signature; replaced by the provider state'.padEnd(256, '.'))
    .toString('base64')
    .match(/.{1,76}/g) ?? []
).join('\n');

/** Shape of an Azure attested document signature: base64 (of text here, not PKCS#7). */
export const EXAMPLE_AZURE_SIGNATURE = Buffer.from('example Azure attested document; replaced by the provider state').toString('base64');

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** Shape of a GCP identity JWT (header.payload.signature, base64url); the signature is not one. */
export const EXAMPLE_GCP_JWT = [
  b64url(JSON.stringify({ alg: 'RS256', kid: 'example', typ: 'JWT' })),
  b64url(JSON.stringify({ aud: 'coder', google: { compute_engine: { instance_id: 'example' } } })),
  b64url('example signature; replaced by the provider state'),
].join('.');

/** Example access URL for the URL-only external-auth answer (the real one is the deployment's). */
export const EXAMPLE_ACCESS_URL = 'https://coder.example.com';
