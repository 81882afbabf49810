// createHandlers(world): every MSW handler of the simulators, in order — faults first, then
// coderd, then the cloud metadata services. The metadata part follows the World: after
// world.setScenario the handlers serve the new machine without being rebuilt.
import { getResponse, http, type HttpHandler } from 'msw';
import { metadataHandlers } from './cloud/index.ts';
import { coderdHandlers } from './coderd/handlers.ts';
import { faultHandler } from './faults.ts';
import type { Scenario } from './scenario/types.ts';
import type { World } from './world.ts';

/**
 * Delegates to the cloud handlers of the World's current machine (rebuilt when the scenario
 * changes). It matches only when one of them answers, so unknown requests stay unhandled.
 */
function liveMetadataHandler(world: World): HttpHandler {
  let builtFor: Scenario | undefined;
  let current: HttpHandler[] = [];
  const answered = new WeakMap<Request, Response>();
  return http.all(
    async ({ request }) => {
      if (builtFor !== world.scenario) {
        current = metadataHandlers({ keys: world.keys, machine: world.scenario.machine ?? {}, now: () => world.now() });
        builtFor = world.scenario;
      }
      const response = await getResponse(current, request);
      if (!response) return false;
      answered.set(request, response);
      return true;
    },
    ({ request }) => answered.get(request),
  );
}

export function createHandlers(world: World): HttpHandler[] {
  return [faultHandler(world), ...coderdHandlers(world), liveMetadataHandler(world)];
}
