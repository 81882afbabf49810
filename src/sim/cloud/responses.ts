// Metadata hosts and the response builders shared by the AWS/Azure/GCP handlers, including the
// "not that cloud" 404 a metadata host gives for another cloud's path.
import { HttpResponse } from 'msw';
import { AZURE_ERRORS, GCP_ERRORS, awsErrorPage } from './choices.ts';
import type { MetadataConfig } from './config.ts';

/** Link-local metadata address shared by AWS, Azure and GCP. */
export const METADATA_ORIGIN = 'http://169.254.169.254';
/** GCE's metadata host name (the google-cloud-go library uses the IP unless GCE_METADATA_HOST is set). */
export const GCE_METADATA_ORIGIN = 'http://metadata.google.internal';
/** Where Google publishes the keys of instance identity tokens. */
export const GOOGLE_CERTS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

export const CONTENT_TYPE = {
  text: 'text/plain',
  html: 'text/html',
  azureJson: 'application/json; charset=utf-8',
  /** What the GCE metadata server labels values with. */
  gceValue: 'application/text',
  gceError: 'text/plain; charset=utf-8',
  json: 'application/json; charset=UTF-8',
} as const;

export function respond(status: number, body: string, contentType: string, extra: Record<string, string> = {}): HttpResponse<string> {
  return new HttpResponse(body, { status, headers: { 'Content-Type': contentType, ...extra } });
}

export function awsError(status: 400 | 401 | 403 | 404): HttpResponse<string> {
  if (status === 401) return respond(401, '', CONTENT_TYPE.text);
  return respond(status, awsErrorPage(status), CONTENT_TYPE.html);
}

export function azureJson(status: number, body: unknown): HttpResponse<string> {
  return respond(status, JSON.stringify(body), CONTENT_TYPE.azureJson);
}

export function gceResponse(status: number, body: string, contentType: string = CONTENT_TYPE.gceError): HttpResponse<string> {
  return respond(status, body, contentType, { 'Metadata-Flavor': 'Google' });
}

/**
 * The 404 of the metadata host for a path of a cloud the machine is not on. CHOICE: the host's
 * own cloud answers (AWS first, then Azure, then GCP, if a scenario sets several); a machine on no
 * cloud answers an empty 404.
 */
export function notThisCloud(machine: MetadataConfig): HttpResponse<string> {
  if (machine.aws) return awsError(404);
  if (machine.azure) return azureJson(404, AZURE_ERRORS.notFound);
  if (machine.gcp) return gceResponse(404, GCP_ERRORS.notFound);
  return respond(404, '', CONTENT_TYPE.text);
}
