// Azure IMDS simulator (MSW handler): GET /metadata/attested/document, which needs `Metadata: true`
// and a supported api-version, and answers a real PKCS#7 SignedData over the attested JSON.
import { http, type HttpHandler } from 'msw';
import { AZURE_API_VERSIONS, AZURE_ERRORS, FOREIGN_CA_CN } from './choices.ts';
import { resolveAzure, type ResolvedAzure } from './config.ts';
import { attestedDocument, defaultNonce } from './azure-document.ts';
import { clockOf, type MetadataHandlerOptions } from './handler-options.ts';
import { named } from './names.ts';
import { AZURE_SIGNER_CN, createAzureSigner, createTestCa, type CloudKeys } from './keys.ts';
import { replacePkcs7Content, signPkcs7 } from './pkcs7.ts';
import { issueCertificate, type IssuedCertificate } from './x509.ts';
import { METADATA_ORIGIN, azureJson, notThisCloud } from './responses.ts';

const DAY_MS = 86_400_000;
const variantSigners = new WeakMap<CloudKeys, Map<string, Promise<IssuedCertificate>>>();

/**
 * The leaf that signs attested documents: the suite's, or (machine.azure.signerCommonName /
 * signerCertificate) one made once per key set: another common name from the suite CA, an expired
 * one (valid from two days ago to one day ago), or one from a CA coderd does not trust.
 */
function signerFor(keys: CloudKeys, azure: ResolvedAzure): Promise<IssuedCertificate> | IssuedCertificate {
  const cn = azure.signerCommonName ?? AZURE_SIGNER_CN;
  const variant = azure.signerCertificate;
  if (cn === AZURE_SIGNER_CN && variant === undefined) return keys.azure.signer;
  let memo = variantSigners.get(keys);
  if (!memo) variantSigners.set(keys, (memo = new Map()));
  const key = `${variant ?? 'trusted'}\u0000${cn}`;
  let signer = memo.get(key);
  if (!signer) {
    const now = Date.now();
    if (variant === 'expired') {
      signer = issueCertificate({
        commonName: cn,
        issuer: keys.azure.ca,
        isCA: false,
        extKeyUsages: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
        notBefore: new Date(now - 2 * DAY_MS),
        notAfter: new Date(now - DAY_MS),
      });
    } else if (variant === 'unknown-authority') {
      signer = createTestCa(FOREIGN_CA_CN).then((ca) => createAzureSigner(ca, cn));
    } else {
      signer = createAzureSigner(keys.azure.ca, cn);
    }
    memo.set(key, signer);
  }
  return signer;
}

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
    const nonce = query.get('nonce') ?? defaultNonce(at);
    const document = attestedDocument(azure, nonce, at);
    let der = await signPkcs7(await signerFor(keys, azure), Buffer.from(document, 'utf8'), at);
    if (azure.tamperedVmId !== undefined) {
      der = replacePkcs7Content(der, Buffer.from(attestedDocument({ ...azure, vmId: azure.tamperedVmId }, nonce, at), 'utf8'));
    }
    return azureJson(200, { encoding: 'pkcs7', signature: Buffer.from(der).toString('base64') });
  });

  const notFound = http.all(`${METADATA_ORIGIN}/metadata/*`, () => (azure ? azureJson(404, AZURE_ERRORS.notFound) : notThisCloud(machine)));

  return [named(attested, 'azureGetAttestedDocument', 'azure'), named(notFound, 'azureNotFound', 'azure')];
}
