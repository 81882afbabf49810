// AWS IMDSv2 simulator (MSW handlers): PUT /latest/api/token, then the instance identity document
// and its signature, guarded by the session token.
import { http, type HttpHandler } from 'msw';
import { AWS_CHECK_FORWARDED_FOR_FIRST, AWS_MAX_TOKEN_TTL_SECONDS, AWS_REQUIRE_IMDSV2 } from './choices.ts';
import { resolveAws } from './config.ts';
import { awsIdentityDocument, signAwsDocument } from './aws-document.ts';
import { checkImdsToken, mintImdsToken } from './aws-token.ts';
import { clockOf, type MetadataHandlerOptions } from './handler-options.ts';
import { named } from './names.ts';
import { CONTENT_TYPE, METADATA_ORIGIN, awsError, notThisCloud, respond } from './responses.ts';

const TTL_HEADER = 'X-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'X-aws-ec2-metadata-token';

/** The TTL as an integer in 1..21600, or undefined when absent or not such an integer. */
export function parseTokenTtl(value: string | null): number | undefined {
  if (value === null || !/^[0-9]{1,10}$/.test(value)) return undefined;
  const ttl = Number(value);
  return ttl >= 1 && ttl <= AWS_MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
}

export function awsHandlers(opts: MetadataHandlerOptions): HttpHandler[] {
  const { keys, machine } = opts;
  const now = clockOf(opts);
  const aws = machine.aws ? resolveAws(machine.aws) : undefined;
  const document = aws ? awsIdentityDocument(aws) : '';
  const signature = aws ? signAwsDocument(keys.aws, document) : '';

  const putToken = http.put(`${METADATA_ORIGIN}/latest/api/token`, ({ request }) => {
    if (!aws) return notThisCloud(machine);
    const forwarded = request.headers.has('X-Forwarded-For');
    if (forwarded && AWS_CHECK_FORWARDED_FOR_FIRST) return awsError(403);
    const ttl = parseTokenTtl(request.headers.get(TTL_HEADER));
    if (ttl === undefined) return awsError(400);
    if (forwarded) return awsError(403);
    return respond(200, mintImdsToken(keys.aws.tokenSecret, now(), ttl), CONTENT_TYPE.text, { [TTL_HEADER]: String(ttl) });
  });

  const guarded =
    (body: string) =>
    ({ request }: { request: Request }) => {
      if (!aws) return notThisCloud(machine);
      const token = request.headers.get(TOKEN_HEADER);
      if (token === null ? AWS_REQUIRE_IMDSV2 : !checkImdsToken(keys.aws.tokenSecret, token, now())) return awsError(401);
      return respond(200, body, CONTENT_TYPE.text);
    };

  return [
    named(putToken, 'awsPutToken', 'aws'),
    named(http.get(`${METADATA_ORIGIN}/latest/dynamic/instance-identity/signature`, guarded(signature)), 'awsGetIdentitySignature', 'aws'),
    named(http.get(`${METADATA_ORIGIN}/latest/dynamic/instance-identity/document`, guarded(document)), 'awsGetIdentityDocument', 'aws'),
    named(
      http.all(`${METADATA_ORIGIN}/latest/*`, () => (aws ? awsError(404) : notThisCloud(machine))),
      'awsNotFound',
      'aws',
    ),
  ];
}
