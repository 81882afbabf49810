// All metadata-service handlers for one simulated machine, in matching order: AWS, Azure, GCP
// (each cloud's catch-all 404 comes last in its group and only covers that cloud's path prefix).
import type { HttpHandler } from 'msw';
import { awsHandlers } from './aws.ts';
import { azureHandlers } from './azure.ts';
import { gcpHandlers } from './gcp.ts';
import type { MetadataHandlerOptions } from './handler-options.ts';

export function metadataHandlers(opts: MetadataHandlerOptions): HttpHandler[] {
  return [...awsHandlers(opts), ...azureHandlers(opts), ...gcpHandlers(opts)];
}
