// Instance-identity agent selection (coderd handleAuthInstanceID, behavior.md §4.2/§4.3) for every
// server revision, as a pure function of the World's agent rows: the 404/409/400 texts with Go %q
// quoting, TrimSpace'd names, byte-sorted candidate names with duplicates kept.
import { compareUTF8, quote, trimSpace } from '../../go/index.ts';
import { traitsOf, type Revision } from '../../revisions/index.ts';
import type { AgentRow } from '../world.ts';

export type Selection = { ok: true; agent: AgentRow } | { ok: false; status: 400 | 404 | 409; message: string };

function newestFirst(rows: AgentRow[]): AgentRow[] {
  // ORDER BY created_at DESC; ties keep the later-listed row first (insertion order reversed).
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => b.row.createdAt - a.row.createdAt || b.i - a.i)
    .map((x) => x.row);
}

const notFound = (instanceId: string): Selection => ({
  ok: false,
  status: 404,
  message: `Instance with id ${quote(instanceId)} not found.`,
});

const notLatest = (instanceId: string): Selection => ({
  ok: false,
  status: 400,
  message: `Resource found for id ${quote(instanceId)}, but isn't registered on the latest history.`,
});

/** Before #24325: the single newest non-deleted agent with the id; no name, no 409. */
function selectPre(agents: AgentRow[], instanceId: string): Selection {
  const [agent] = newestFirst(agents.filter((a) => a.instanceId === instanceId && !a.deleted));
  if (!agent) return notFound(instanceId);
  if (agent.jobType !== 'workspace_build') {
    return { ok: false, status: 400, message: `${quote(agent.jobType)} jobs cannot be authenticated.` };
  }
  if (!agent.latestBuild) return notLatest(instanceId);
  return { ok: true, agent };
}

/**
 * #24325 (and, with `dropStale`, #25443/#26883 which also exclude deleted workspaces and drop
 * candidates whose build is not the latest before choosing).
 */
function selectMulti(agents: AgentRow[], instanceId: string, rawName: string, dropStale: boolean): Selection {
  const name = trimSpace(rawName);
  let candidates = newestFirst(agents.filter((a) => a.instanceId === instanceId && !a.deleted && !a.isSubAgent));
  candidates = candidates.filter((a) => a.jobType === 'workspace_build');
  if (dropStale) candidates = candidates.filter((a) => a.latestBuild && a.workspace !== undefined && !a.workspace.deleted);
  if (candidates.length === 0) return notFound(instanceId);
  let selected: AgentRow | undefined;
  if (name !== '') {
    selected = candidates.find((a) => a.name === name);
    if (!selected) {
      return { ok: false, status: 404, message: `No agent found with instance ID ${quote(instanceId)} and name ${quote(name)}.` };
    }
  } else {
    if (candidates.length !== 1) {
      const names = candidates.map((a) => a.name).sort(compareUTF8);
      return {
        ok: false,
        status: 409,
        message: `Multiple agents found with instance ID ${quote(instanceId)}. Set CODER_AGENT_NAME to one of: ${names.join(', ')}`,
      };
    }
    selected = candidates[0];
  }
  if (!dropStale && !selected.latestBuild) return notLatest(instanceId);
  return { ok: true, agent: selected };
}

export function selectAgent(revision: Revision, agents: AgentRow[], instanceId: string, agentName: string | undefined): Selection {
  const traits = traitsOf(revision);
  if (!traits.agentName) return selectPre(agents, instanceId);
  return selectMulti(agents, instanceId, agentName ?? '', traits.staleBuildFilter);
}
