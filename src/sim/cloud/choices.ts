// The one place that holds every judgement call the cloud simulators make where behavior.md
// (or public documentation) does not pin the exact bytes. Each constant says what was chosen and
// why; change it here and every handler, verifier and test follows.

/** Subject organisation of every certificate the suite makes: never mistakable for a real cloud key. */
export const TEST_ORGANIZATION = 'coder-agent-conformance TEST ONLY';

// ---------------------------------------------------------------------------------------------
// AWS IMDS
// ---------------------------------------------------------------------------------------------

/** Largest TTL IMDSv2 accepts for `X-aws-ec2-metadata-token-ttl-seconds` (6 hours, AWS docs). */
export const AWS_MAX_TOKEN_TTL_SECONDS = 21600;

/**
 * IMDS error pages. CHOICE: IMDS answers 400/403/404 with a small XHTML page naming the status
 * (this is what the service is documented and observed to do), and 401 with an empty body (the
 * brief: "empty body like IMDS"). The exact whitespace of the page is not confirmed. The bytes
 * matter because upstream's AWS exchanger ignores status codes and forwards these bodies as
 * token/signature/document.
 */
export function awsErrorPage(status: 400 | 403 | 404): string {
  const title = { 400: '400 - Bad Request', 403: '403 - Forbidden', 404: '404 - Not Found' }[status];
  return (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n' +
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n' +
    ' <head>\n' +
    `  <title>${title}</title>\n` +
    ' </head>\n' +
    ' <body>\n' +
    `  <h1>${title}</h1>\n` +
    ' </body>\n' +
    '</html>\n'
  );
}

/**
 * CHOICE: the `signature` endpoint body is the base64 signature wrapped at 64 characters per line
 * (PEM width, as the contract's description of awsGetIdentitySignature says) with `\n`, no
 * trailing newline. AWS documentation shows the signature on several lines (its redacted example
 * has 74-character lines); the exact width is not confirmed. Go's base64.StdEncoding ignores
 * `\r`/`\n`, so upstream coderd accepts it as is, and a client must forward it unchanged.
 */
export const AWS_SIGNATURE_LINE_WIDTH = 64;

/** Document defaults for fields a scenario leaves out. `version` is the value AWS has used since 2017. */
export const AWS_DOCUMENT_DEFAULTS = {
  region: 'us-east-1',
  accountId: '123456789012',
  availabilityZone: 'us-east-1a',
  instanceType: 't3.micro',
  imageId: 'ami-0abcdef1234567890',
  privateIp: '10.0.0.12',
  architecture: 'x86_64',
  pendingTime: '2026-01-01T00:00:00Z',
  version: '2017-09-30',
} as const;

/**
 * CHOICE: the simulated instance requires IMDSv2 (HttpTokens=required), so identity requests
 * without a valid session token get 401 — upstream's client always uses IMDSv2.
 */
export const AWS_REQUIRE_IMDSV2 = true;

/** CHOICE: a refused X-Forwarded-For is checked before the TTL header (both answer before a token is made). */
export const AWS_CHECK_FORWARDED_FOR_FIRST = true;

// ---------------------------------------------------------------------------------------------
// Azure IMDS
// ---------------------------------------------------------------------------------------------

/**
 * api-versions the attested-document endpoint accepts (oldest first). CHOICE: the list follows
 * the versions Microsoft has published for IMDS; the newest three are named in errors.
 */
export const AZURE_API_VERSIONS: readonly string[] = [
  '2018-10-01',
  '2019-02-01',
  '2019-03-11',
  '2019-04-30',
  '2019-06-01',
  '2019-06-04',
  '2019-08-01',
  '2019-08-15',
  '2019-11-01',
  '2020-06-01',
  '2020-07-15',
  '2020-09-01',
  '2020-10-01',
  '2020-12-01',
  '2021-01-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-08-01',
  '2021-10-01',
  '2021-11-01',
  '2021-11-15',
  '2021-12-13',
  '2023-07-01',
  '2023-11-15',
  '2024-03-15',
  '2025-04-07',
];

export const AZURE_NEWEST_VERSIONS: readonly string[] = AZURE_API_VERSIONS.slice(-3).reverse();

/**
 * Azure IMDS error bodies (compact JSON). CHOICE: texts as Azure documents them; the checks run
 * in the order Metadata header, then api-version.
 */
export const AZURE_ERRORS = {
  missingMetadataHeader: { error: 'Bad request. Required metadata header not specified' },
  missingApiVersion: {
    error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds',
    'newest-versions': AZURE_NEWEST_VERSIONS,
  },
  invalidApiVersion: {
    error: 'Bad request. api-version is invalid or was not specified in the request. For more information refer to aka.ms/azureimds',
    'newest-versions': AZURE_NEWEST_VERSIONS,
  },
  notFound: { error: 'Not found' },
} as const;

/** CHOICE: an attested document expires 6 hours after it is made (the interval in Azure's example). */
export const AZURE_DOCUMENT_LIFETIME_SECONDS = 6 * 3600;

// ---------------------------------------------------------------------------------------------
// GCE metadata
// ---------------------------------------------------------------------------------------------

/**
 * GCE error bodies. CHOICE: short text/plain bodies carrying the message the real server puts in
 * its HTML page. The client library only ever shows them inside `compute: Received <code> `<body>``
 * (and upstream swallows exchange errors), so the markup is not modelled.
 */
export const GCP_ERRORS = {
  missingFlavor: 'Your client does not have permission to get this URL from this server. Missing Metadata-Flavor:Google header.\n',
  missingAudience: 'non-empty audience parameter required\n',
  /** GCE documents that it refuses any request carrying X-Forwarded-For (it was proxied); text chosen here. */
  forwarded: 'Your client does not have permission to get this URL from this server. Request carries an X-Forwarded-For header.\n',
  notFound: 'Not Found\n',
} as const;

/**
 * CHOICE: order of the identity endpoint's checks: X-Forwarded-For (403), Metadata-Flavor (403),
 * then the service account (404), then `audience` (400). `format` other than `full` gives the standard claims; `licenses`
 * is ignored.
 */
export const GCP_CHECK_ORDER = ['forwarded', 'flavor', 'serviceAccount', 'audience'] as const;

/** Identity tokens live one hour (GCE documentation). */
export const GCP_TOKEN_LIFETIME_SECONDS = 3600;

/** CHOICE: `machine.gcp.expired: true` issues a token that expired this long before `now`. */
export const GCP_EXPIRED_BY_SECONDS = 3600;

export const GCP_DEFAULTS = {
  projectId: 'coder-conformance',
  projectNumber: 123456789012,
  zone: 'us-central1-a',
  instanceName: 'dev-vm',
  instanceCreationTimestamp: 1767225600, // 2026-01-01T00:00:00Z
  serviceAccounts: ['default'],
} as const;

// ---------------------------------------------------------------------------------------------
// Verifiers (coderd side)
// ---------------------------------------------------------------------------------------------

/**
 * CHOICE (Azure): the common name of the CA that issues the `unknown-authority` signer
 * (machine.azure.signerCertificate). Its subject differs from the suite CA's, so Go's x509 finds no
 * candidate issuer at all and the error carries no "(possibly because of ...)" hint.
 */
export const FOREIGN_CA_CN = 'coder-agent-conformance foreign CA (not trusted by coderd)';
