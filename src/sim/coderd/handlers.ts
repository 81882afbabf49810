// coderd's MSW handlers built from a World: the three instance-identity exchanges and the agent
// external-auth endpoint. They match (custom predicates) on any origin except the metadata hosts;
// the access URL is the request's origin.
import { http, type HttpHandler } from 'msw';
import { CLOUD_REGISTRY, CLOUDS } from '../../openapi/index.ts';
import { METADATA_HOSTS, operationById } from '../operations.ts';
import type { OperationId } from '../scenario/types.ts';
import type { World } from '../world.ts';
import { externalAuthHandler } from './external-auth.ts';
import { instanceIdentityHandler } from './instance-identity.ts';

function on(id: OperationId) {
  const op = operationById(id);
  return ({ request }: { request: Request }): boolean => {
    const url = new URL(request.url);
    return request.method === op.method && op.path.test(url.pathname) && !METADATA_HOSTS.includes(url.hostname);
  };
}

export function coderdHandlers(world: World): HttpHandler[] {
  return [
    ...CLOUDS.map((cloud) =>
      http.post(on(CLOUD_REGISTRY[cloud].exchange.operationId as OperationId), ({ request }) => instanceIdentityHandler(world, cloud, request)),
    ),
    http.get(on('getWorkspaceAgentExternalAuth'), ({ request }) => externalAuthHandler(world, request, new URL(request.url).origin)),
  ];
}
