// The World: the mutable state both simulators answer from. Built from a Scenario (agents flattened
// into rows with their job type, workspace and latest-build flag; providers with their links; the
// cloud keys and machine), switchable to another scenario in place (Pact provider states), and
// mutable by tests (links appear later for `listen`).
import { createCloudKeys, type CloudKeys } from './cloud/index.ts';
import {
  DEFAULT_REVISION,
  type Fault,
  type JobType,
  type Revision,
  type Scenario,
  type ScenarioLink,
  type ScenarioRefresh,
  type ScenarioResource,
  type ScenarioValidate,
} from './scenario/types.ts';

/**
 * CHOICE: OAuth link expiry is judged against a clock fixed at this instant unless `linkNow` is
 * given, so answers are reproducible and the `expiring` link (2026-06-30T12:00:00.123456Z) is
 * still valid whenever the suite runs. Cloud proofs (certificates, JWT exp) use the real clock
 * (`now`), because the cloud keys are minted at real time.
 */
export const DEFAULT_LINK_TIME = '2026-06-01T00:00:00Z';

export interface WorkspaceRow {
  id: string;
  name: string;
  owner: string;
  deleted: boolean;
}

export interface AgentRow {
  id: string;
  name: string;
  /** Lower-case canonical UUID text. */
  token: string;
  instanceId: string | undefined;
  /** Sub-agent: has a parent agent. */
  isSubAgent: boolean;
  deleted: boolean;
  createdAt: number;
  resourceName: string;
  jobType: JobType;
  /** The workspace (only for workspace_build jobs). */
  workspace: WorkspaceRow | undefined;
  buildNumber: number | undefined;
  /** The agent's build is the latest build of its workspace. */
  latestBuild: boolean;
  /**
   * The agent's token passes agent-token auth as far as its build is concerned
   * (GetAuthenticatedWorkspaceAgentAndBuildByAuthToken): its build has the workspace's highest
   * number, or it is a start build whose job succeeded and the next build, the highest, is a stop
   * build whose job is pending or running.
   */
  tokenBuildOk: boolean;
}

export interface LinkState {
  accessToken: string;
  refreshToken: string;
  /** `null` or absent in the scenario: no extra (token_extra null). */
  extra: unknown;
  /** RFC 3339 text as written in the scenario; undefined = no expiry. */
  expiry: string | undefined;
  valid: boolean;
  refresh: ScenarioRefresh | undefined;
  validate: ScenarioValidate | undefined;
}

export interface ProviderState {
  id: string;
  type: string;
  regex: string | undefined;
  link: LinkState | undefined;
}

export interface FaultState {
  fault: Fault;
  /** Requests this fault has answered so far (for `times`). */
  hits: number;
}

export interface World {
  readonly keys: CloudKeys;
  scenario: Scenario;
  revision: Revision;
  agents: AgentRow[];
  providers: ProviderState[];
  faults: FaultState[];
  /** The loopback server's base URL once it listens (fault answers may name `{origin}` and `{port}`). */
  origin?: string;
  /** Clock of the cloud proofs (metadata handlers, verifiers). */
  now(): Date;
  /** Clock that decides whether an OAuth link has expired. */
  linkNow(): Date;
  /** Replace the state with another scenario (keys stay); `revision` overrides the scenario's. */
  setScenario(scenario: Scenario, revision?: Revision): void;
  /** Add, replace (or with undefined remove) the link of a provider; throws for an unknown provider. */
  setLink(providerId: string, link: ScenarioLink | undefined): void;
  /** The agent whose auth token is this canonical lower-case UUID. */
  agentByToken(token: string): AgentRow | undefined;
}

export interface WorldOptions {
  revision?: Revision;
  keys?: CloudKeys;
  now?: () => Date;
  linkNow?: () => Date;
  /** Extra faults appended after the scenario's (e.g. from the runner). */
  faults?: Fault[];
}

function toLink(link: ScenarioLink): LinkState {
  return {
    accessToken: link.accessToken,
    refreshToken: link.refreshToken ?? '',
    extra: link.extra === undefined ? null : link.extra,
    expiry: link.expiry,
    valid: link.valid ?? true,
    refresh: link.refresh,
    validate: link.validate,
  };
}

const BASE_TIME = Date.parse('2026-01-01T00:00:00Z');

function flatten(scenario: Scenario): AgentRow[] {
  const rows: AgentRow[] = [];
  let seq = 0;
  const add = (
    res: ScenarioResource,
    jobType: JobType,
    workspace: WorkspaceRow | undefined,
    buildNumber: number | undefined,
    latestBuild: boolean,
    tokenBuildOk: boolean,
  ) => {
    for (const a of res.agents) {
      seq++;
      rows.push({
        id: a.id ?? `00000000-0000-4000-9000-${seq.toString(16).padStart(12, '0')}`,
        name: a.name,
        token: a.token.toLowerCase(),
        instanceId: a.instanceId,
        isSubAgent: a.parent !== undefined,
        deleted: a.deleted ?? false,
        // CHOICE: without createdAt, later entries in the file are newer (one second apart).
        createdAt: a.createdAt !== undefined ? Date.parse(a.createdAt) : BASE_TIME + seq * 1000,
        resourceName: res.name,
        jobType,
        workspace,
        buildNumber,
        latestBuild,
        tokenBuildOk,
      });
    }
  };
  for (const [w, ws] of (scenario.workspaces ?? []).entries()) {
    const workspace: WorkspaceRow = {
      id: ws.id ?? `00000000-0000-4000-a000-${(w + 1).toString(16).padStart(12, '0')}`,
      name: ws.name,
      owner: ws.owner ?? 'alice',
      deleted: ws.deleted ?? false,
    };
    const explicit = ws.builds.find((b) => b.latest === true);
    const maxNumber = Math.max(...ws.builds.map((b) => b.number));
    const latestNumber = explicit ? explicit.number : maxNumber;
    const newest = ws.builds.find((b) => b.number === maxNumber);
    const stopInProgress = newest !== undefined && newest.transition === 'stop' && (newest.job?.status === 'pending' || newest.job?.status === 'running');
    for (const build of ws.builds) {
      const jobType = build.job?.type ?? 'workspace_build';
      // The SQL compares build numbers (MAX(build_number)), not the `latest` flag.
      const tokenBuildOk =
        build.number === maxNumber ||
        ((build.transition ?? 'start') === 'start' && (build.job?.status ?? 'succeeded') === 'succeeded' && stopInProgress && build.number + 1 === maxNumber);
      for (const res of build.resources) add(res, jobType, workspace, build.number, build.number === latestNumber, tokenBuildOk);
    }
  }
  for (const imp of scenario.templateImports ?? []) {
    const jobType = imp.job?.type ?? 'template_version_import';
    for (const res of imp.resources) add(res, jobType, undefined, undefined, false, false);
  }
  return rows;
}

function providersOf(scenario: Scenario): ProviderState[] {
  return (scenario.externalAuth?.providers ?? []).map((p) => ({
    id: p.id,
    type: p.type,
    regex: p.regex,
    link: p.link ? toLink(p.link) : undefined,
  }));
}

export async function createWorld(scenario: Scenario, options: WorldOptions = {}): Promise<World> {
  const keys = options.keys ?? (await createCloudKeys());
  const fixed = new Date(DEFAULT_LINK_TIME);
  const world: World = {
    keys,
    scenario,
    revision: options.revision ?? scenario.revision ?? DEFAULT_REVISION,
    agents: [],
    providers: [],
    faults: [],
    now: options.now ?? (() => new Date()),
    linkNow: options.linkNow ?? (() => new Date(fixed)),
    setScenario(next, revision) {
      world.scenario = next;
      world.revision = revision ?? next.revision ?? DEFAULT_REVISION;
      world.agents = flatten(next);
      world.providers = providersOf(next);
      world.faults = [...(next.faults ?? []), ...(options.faults ?? [])].map((fault) => ({ fault, hits: 0 }));
    },
    setLink(providerId, link) {
      const p = world.providers.find((x) => x.id === providerId);
      if (!p) throw new Error(`setLink: no provider "${providerId}" in scenario ${world.scenario.name}`);
      p.link = link ? toLink(link) : undefined;
    },
    agentByToken(token) {
      return world.agents.find((a) => a.token === token);
    },
  };
  world.setScenario(scenario, options.revision);
  return world;
}
