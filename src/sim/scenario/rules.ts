// Cross-field rules of a resolved scenario that JSON Schema cannot express: sub-agent parents exist,
// agent tokens and provider ids are unique, build numbers are unique and at most one is `latest`,
// provider regexes compile as Go regexps (RE2 syntax: `(?i)` is fine, lookaround is not).
import { goRegexpCompile } from '../../go/index.ts';
import type { Scenario, ScenarioResource } from './types.ts';

export interface RuleProblem {
  pointer: string;
  problem: string;
}

function checkResource(res: ScenarioResource, at: string, tokens: Map<string, string>): RuleProblem | undefined {
  const names = new Set(res.agents.map((a) => a.name));
  for (const [i, agent] of res.agents.entries()) {
    const here = `${at}/agents/${i}`;
    if (agent.parent !== undefined) {
      if (agent.parent === agent.name) return { pointer: `${here}/parent`, problem: 'an agent cannot be its own parent' };
      if (!names.has(agent.parent)) {
        return { pointer: `${here}/parent`, problem: `no agent named "${agent.parent}" in this resource` };
      }
    }
    const key = agent.token.toLowerCase();
    const seen = tokens.get(key);
    if (seen !== undefined) return { pointer: `${here}/token`, problem: `duplicate agent token (also at ${seen})` };
    tokens.set(key, `${here}/token`);
  }
  return undefined;
}

export function checkScenarioRules(s: Scenario): RuleProblem | undefined {
  const tokens = new Map<string, string>();
  for (const [w, ws] of (s.workspaces ?? []).entries()) {
    const numbers = new Set<number>();
    let latestCount = 0;
    for (const [b, build] of ws.builds.entries()) {
      const at = `/workspaces/${w}/builds/${b}`;
      if (numbers.has(build.number)) return { pointer: `${at}/number`, problem: `duplicate build number ${build.number}` };
      numbers.add(build.number);
      if (build.latest === true) latestCount++;
      if (latestCount > 1) return { pointer: `${at}/latest`, problem: 'only one build of a workspace can be latest' };
      for (const [r, res] of build.resources.entries()) {
        const p = checkResource(res, `${at}/resources/${r}`, tokens);
        if (p) return p;
      }
    }
  }
  for (const [t, imp] of (s.templateImports ?? []).entries()) {
    for (const [r, res] of imp.resources.entries()) {
      const p = checkResource(res, `/templateImports/${t}/resources/${r}`, tokens);
      if (p) return p;
    }
  }
  const ids = new Set<string>();
  for (const [i, prov] of (s.externalAuth?.providers ?? []).entries()) {
    if (ids.has(prov.id)) return { pointer: `/externalAuth/providers/${i}/id`, problem: `duplicate provider id "${prov.id}"` };
    ids.add(prov.id);
    if (prov.regex !== undefined) {
      const re = goRegexpCompile(prov.regex);
      if (!re.ok) return { pointer: `/externalAuth/providers/${i}/regex`, problem: `not a Go regexp (RE2 syntax, as coderd compiles it): ${re.error}` };
    }
  }
  return undefined;
}
