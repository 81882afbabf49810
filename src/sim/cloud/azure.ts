// Azure IMDS simulator (MSW handler): GET /metadata/attested/document, which needs `Metadata: true`
// and a supported api-version, and answers a real PKCS#7 SignedData over the attested JSON.
import { http, type HttpHandler } from 'msw';
import { AZURE_API_VERSIONS, AZURE_ERRORS } from './choices.ts';
import { resolveAzure } from './config.ts';
import { attestedDocument, defaultNonce } from './azure-document.ts';
import { clockOf, type MetadataHandlerOptions } from './handler-options.ts';
import { named } from './names.ts';
import { signPkcs7 } from './pkcs7.ts';
import { METADATA_ORIGIN, azureJson, notThisCloud } from './responses.ts';

export function azureHandlers(opts: MetadataHandlerOptions): HttpHandler[] {
  const { keys, machine } = opts;
  const now = clockOf(opts);
  const azure = machine.azure ? resolveAzure(machine.azure) : undefined;

  const attested = http.get(`${METADATA_ORIGIN}/metadata/attested/document`, async ({ request }) => {
    if (!azure) return notThisCloud(machine);
    if (request.headers.get('Metadata') !== 'true') return azureJson(400, AZURE_ERRORS.missingMetadataHeader);
    const query = new URL(request.url).searchParams;
    const version = query.get('api-version');
    if (version === null || version === '') return azureJson(400, AZURE_ERRORS.missingApiVersion);
    if (!AZURE_API_VERSIONS.includes(version)) return azureJson(400, AZURE_ERRORS.invalidApiVersion);
    const at = now();
    const document = attestedDocument(azure, query.get('nonce') ?? defaultNonce(at), at);
    const der = await signPkcs7(keys.azure.signer, Buffer.from(document, 'utf8'), at);
    return azureJson(200, { encoding: 'pkcs7', signature: Buffer.from(der).toString('base64') });
  });

  const notFound = http.all(`${METADATA_ORIGIN}/metadata/*`, () => (azure ? azureJson(404, AZURE_ERRORS.notFound) : notThisCloud(machine)));

  return [named(attested, 'azureGetAttestedDocument', 'azure'), named(notFound, 'azureNotFound', 'azure')];
}
