// coderd's MSW handlers built from a World: the three instance-identity exchanges and the agent
// external-auth endpoint. They answer on any origin except the metadata hosts (the access URL is
// the request's origin).
import { http, type HttpHandler } from 'msw';
import { METADATA_HOSTS } from '../operations.ts';
import type { World } from '../world.ts';
import { externalAuthHandler } from './external-auth.ts';
import { instanceIdentityHandler } from './instance-identity.ts';

function onCoderd(request: Request): URL | undefined {
  const url = new URL(request.url);
  return METADATA_HOSTS.includes(url.hostname) ? undefined : url;
}

export function coderdHandlers(world: World): HttpHandler[] {
  return [
    http.post('*/api/v2/workspaceagents/aws-instance-identity', ({ request }) =>
      onCoderd(request) ? instanceIdentityHandler(world, 'aws', request) : undefined),
    http.post('*/api/v2/workspaceagents/azure-instance-identity', ({ request }) =>
      onCoderd(request) ? instanceIdentityHandler(world, 'azure', request) : undefined),
    http.post('*/api/v2/workspaceagents/google-instance-identity', ({ request }) =>
      onCoderd(request) ? instanceIdentityHandler(world, 'google', request) : undefined),
    http.get('*/api/v2/workspaceagents/me/external-auth', ({ request }) => {
      const url = onCoderd(request);
      return url ? externalAuthHandler(world, request, url.origin) : undefined;
    }),
  ];
}
