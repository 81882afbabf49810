// GCE metadata simulator (MSW handlers): the instance identity token endpoint, on the metadata
// hosts and on any origin (a binary given GCE_METADATA_HOST talks to the loopback server
// directly), plus Google's JWKS endpoint for the token keys.
import { http, type HttpHandler } from 'msw';
import { GCP_ERRORS } from './choices.ts';
import { resolveGcp } from './config.ts';
import { findServiceAccount, identityClaims, signJwt } from './gcp-token.ts';
import { clockOf, type MetadataHandlerOptions } from './handler-options.ts';
import { named } from './names.ts';
import { CONTENT_TYPE, gceResponse, notThisCloud, respond } from './responses.ts';

const FLAVOR = 'Metadata-Flavor';

/** The 403 every GCE metadata path gives a proxied request or one without `Metadata-Flavor: Google`. */
function refusal(request: Request): Response | undefined {
  if (request.headers.has('X-Forwarded-For')) return gceResponse(403, GCP_ERRORS.forwarded);
  if (request.headers.get(FLAVOR) !== 'Google') return gceResponse(403, GCP_ERRORS.missingFlavor);
  return undefined;
}

export function gcpHandlers(opts: MetadataHandlerOptions): HttpHandler[] {
  const { keys, machine } = opts;
  const now = clockOf(opts);
  const gcp = machine.gcp ? resolveGcp(machine.gcp) : undefined;

  const identity = http.get('*/computeMetadata/v1/instance/service-accounts/:account/identity', async ({ request, params }) => {
    if (!gcp) return notThisCloud(machine);
    const refused = refusal(request);
    if (refused) return refused;
    const account = findServiceAccount(gcp, String(params.account));
    if (account === undefined) return gceResponse(404, GCP_ERRORS.notFound);
    const query = new URL(request.url).searchParams;
    const audience = query.get('audience') ?? '';
    if (audience === '') return gceResponse(400, GCP_ERRORS.missingAudience);
    const claims = identityClaims(gcp, { account, audience, full: query.get('format') === 'full', now: now() });
    // machine.gcp.keyId / algorithm: the header names another key or algorithm; the signature stays RS256 by the suite key.
    const header: Record<string, unknown> = {};
    if (gcp.algorithm !== undefined) header.alg = gcp.algorithm;
    if (gcp.keyId !== undefined) header.kid = gcp.keyId;
    return gceResponse(200, await signJwt(keys.gcp, claims, header), CONTENT_TYPE.gceValue);
  });

  const notFound = http.all('*/computeMetadata/*', ({ request }) => {
    if (!gcp) return notThisCloud(machine);
    return refusal(request) ?? gceResponse(404, GCP_ERRORS.notFound);
  });

  const certs = http.get('*/oauth2/v3/certs', () => respond(200, JSON.stringify(keys.gcp.jwks, null, 2) + '\n', CONTENT_TYPE.json));

  return [named(identity, 'gcpGetIdentityToken', 'gcp'), named(certs, 'gcpGetCerts', 'gcp'), named(notFound, 'gcpNotFound', 'gcp')];
}
