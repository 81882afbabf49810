// Types of a scenario file (fixtures/scenarios/<name>.yaml) after `extends` is resolved and the
// file has passed fixtures/scenarios/scenario.schema.json. Mirrors the schema; no logic here.

// Server revisions: the table is src/revisions.
export { DEFAULT_REVISION, REVISIONS, type Revision } from '../../revisions/index.ts';
import type { Revision } from '../../revisions/index.ts';

export type JobType = 'workspace_build' | 'template_version_import' | 'template_version_dry_run';
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'canceling' | 'canceled' | 'failed';
export type BuildTransition = 'start' | 'stop' | 'delete';

export interface ScenarioAgent {
  name: string;
  id?: string;
  token: string;
  instanceId?: string;
  /** Name of the parent agent in the same resource: makes this a sub-agent. */
  parent?: string;
  deleted?: boolean;
  createdAt?: string;
}

export interface ScenarioResource {
  name: string;
  agents: ScenarioAgent[];
}

export interface ScenarioBuild {
  number: number;
  latest?: boolean;
  /** Default start. */
  transition?: BuildTransition;
  /** type default workspace_build, status default succeeded. */
  job?: { type?: JobType; status?: JobStatus };
  resources: ScenarioResource[];
}

export interface ScenarioWorkspace {
  id?: string;
  name: string;
  owner?: string;
  deleted?: boolean;
  builds: ScenarioBuild[];
}

export interface ScenarioTemplateImport {
  job?: { type: 'template_version_import' | 'template_version_dry_run' };
  resources: ScenarioResource[];
}

export interface ScenarioLink {
  accessToken: string;
  refreshToken?: string;
  /** Any JSON; `null` and absent both mean token_extra null. */
  extra?: unknown;
  expiry?: string;
  /** false: the provider rejects the token, so the server answers with the URL. Default true. */
  valid?: boolean;
  /** The token endpoint's answer when coderd refreshes an expired token (absent: refreshing fails). */
  refresh?: ScenarioRefresh;
  /** The validate endpoint's answer (default 200, or 401 when `valid` is false). */
  validate?: ScenarioValidate;
}

export type ScenarioRefresh = { accessToken: string; refreshToken?: string; expiry?: string } | { error: string; status?: number };

export interface ScenarioValidate {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface ScenarioProvider {
  id: string;
  type: string;
  regex?: string;
  link?: ScenarioLink;
}

/** A contract operationId (derived from openapi.yaml through src/generated). */
export type { OperationId } from '../../openapi/index.ts';
import type { OperationId } from '../../openapi/index.ts';

export interface Fault {
  operation?: OperationId;
  method?: string;
  path?: string;
  status?: number;
  contentType?: string;
  body?: string;
  /** Instead of body: the body as these bytes (base64), for bodies that are not UTF-8. */
  bodyBase64?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Close the connection without answering (Go: EOF). */
  reset?: true;
  /** Reset the connection (TCP RST) without answering (Go: connection reset by peer). */
  rst?: true;
  /** With status: send only the body's first N bytes (the headers announce all of it), then close. */
  truncate?: number;
  /** With status: send only the first N bytes of the head (status line, headers), then close. */
  truncateHead?: number;
  /** The whole answer, head included, as these bytes (UTF-8), then close: malformed answers. */
  raw?: string;
  times?: number;
}

export interface Scenario {
  /** Scenario name (file name without .yaml), or the path it was loaded from. */
  name: string;
  description: string;
  revision?: Revision;
  /** Cloud identities; shape owned by src/sim/cloud (metadataSchema). */
  machine?: Record<string, unknown>;
  workspaces?: ScenarioWorkspace[];
  templateImports?: ScenarioTemplateImport[];
  externalAuth?: { providers?: ScenarioProvider[] };
  agentTokenAuth?: string;
  faults?: Fault[];
}
