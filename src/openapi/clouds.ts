// The cloud registry, derived from openapi.yaml: for each cloud its metadata-service operations
// (tagged with the cloud, plain `http` servers), the other operations it owns (the GCP JWKS), the coderd
// exchange (`x-coder-cloud: <cloud>`), the CODER_AGENT_AUTH value (the exchange path's last segment),
// and the metadata hosts and path prefixes the simulator routes by. The simulator (handlers, journal
// services, routing), the runner and the contracts read clouds from here; what each cloud does with a
// proof (the verifier, the exchanger) is keyed by `Cloud`, so a new cloud fails to compile until it has one.
import { CLOUDS, getOperationObject, operations, type Cloud, type Operation } from './contract.ts';

export interface CloudEntry {
  name: Cloud;
  /** The coderd operation that exchanges this cloud's identity proof for a session token. */
  exchange: Operation;
  /** `CODER_AGENT_AUTH` / `--auth` value, e.g. `aws-instance-identity`, `google-instance-identity`. */
  auth: string;
  /** Every operation tagged with the cloud, in document order. */
  operations: Operation[];
  /** The instance metadata service's operations (plain `http` servers). */
  metadata: Operation[];
  /** Host names of the instance metadata service. */
  metadataHosts: string[];
  /** First path segment of every metadata operation, e.g. `/latest/`. */
  metadataPathPrefixes: string[];
}

function buildRegistry(): Record<Cloud, CloudEntry> {
  const out = {} as Record<Cloud, CloudEntry>;
  for (const name of CLOUDS) {
    const exchanges = operations.filter((o) => getOperationObject(o.operationId).op['x-coder-cloud'] === name);
    if (exchanges.length !== 1) throw new Error(`openapi.yaml: want exactly one operation with x-coder-cloud: ${name}, found ${exchanges.length}`);
    const own = operations.filter((o) => o.service === name);
    const metadata = own.filter((o) => o.servers.length > 0 && o.servers.every((s) => s.startsWith('http://')));
    if (metadata.length === 0) throw new Error(`openapi.yaml: cloud ${name} has no metadata-service operation`);
    const exchange = exchanges[0];
    out[name] = {
      name,
      exchange,
      auth: exchange.path.slice(exchange.path.lastIndexOf('/') + 1),
      operations: own,
      metadata,
      metadataHosts: [...new Set(metadata.flatMap((o) => o.servers.map((s) => new URL(s).hostname)))],
      metadataPathPrefixes: [...new Set(metadata.map((o) => `/${o.path.split('/')[1]}/`))],
    };
  }
  return out;
}

export const CLOUD_REGISTRY: Readonly<Record<Cloud, CloudEntry>> = Object.freeze(buildRegistry());

/** Every metadata host, in cloud order without repeats. */
export const METADATA_HOSTS: readonly string[] = [...new Set(CLOUDS.flatMap((c) => CLOUD_REGISTRY[c].metadataHosts))];

/** Whether a path belongs to a metadata service (answered on origin-form requests too, e.g. GCE_METADATA_HOST). */
export function isMetadataPath(path: string): boolean {
  return CLOUDS.some((c) => CLOUD_REGISTRY[c].metadataPathPrefixes.some((p) => path.startsWith(p)));
}

/** The cloud whose metadata service a request no operation matched was meant for: by path prefix, else by a host only one cloud uses. */
export function metadataCloudOf(path: string, host: string): Cloud | undefined {
  const byPath = CLOUDS.find((c) => CLOUD_REGISTRY[c].metadataPathPrefixes.some((p) => path.startsWith(p)));
  if (byPath) return byPath;
  const byHost = CLOUDS.filter((c) => CLOUD_REGISTRY[c].metadataHosts.includes(host));
  return byHost.length === 1 ? byHost[0] : undefined;
}
