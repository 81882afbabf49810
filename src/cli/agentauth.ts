// coder's AgentAuth.CreateClient checks (behavior.md §2.2), before any network call: the agent URL must
// be set (checked before --auth), `token` auth takes --agent-token (untrimmed) or the TrimSpaced
// content of --agent-token-file, any other --auth must be one of the three instance identities.
import { readFileSync } from 'node:fs';
import { quote, trimSpace, type GoURL } from '../go/index.ts';
import { type GoError, TextError, WrapError } from './errors/model.ts';
import type { AgentAuth } from './agentsdk/index.ts';

export interface AgentAuthValues {
  agentURL?: GoURL;
  auth: string;
  token: string;
  tokenFile: string;
  agentName: string;
}

export type ClientConfig = { ok: true; agentURL: GoURL; auth: AgentAuth; token?: string; agentName: string } | { ok: false; error: GoError };

const OS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a directory',
};

/** os.ReadFile's *PathError text: `open <path>: <errno text>` (`read <path>: is a directory` for a directory). */
function readFileGo(path: string): { ok: true; data: Buffer } | { ok: false; error: string } {
  try {
    return { ok: true, data: readFileSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const text = OS_ERRORS[code] ?? (e as Error).message;
    const op = code === 'EISDIR' ? 'read' : 'open';
    return { ok: false, error: `${op} ${path}: ${text}` };
  }
}

export function createClientConfig(v: AgentAuthValues): ClientConfig {
  if (!v.agentURL || v.agentURL.toString() === '') return { ok: false, error: new TextError('CODER_AGENT_URL must be set') };
  switch (v.auth) {
    case 'token': {
      let token = v.token;
      if (token === '') {
        if (v.tokenFile === '') return { ok: false, error: new TextError('Either CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set') };
        const r = readFileGo(v.tokenFile);
        if (!r.ok) return { ok: false, error: new WrapError(`read token file ${quote(v.tokenFile)}`, new TextError(r.error)) };
        token = trimSpace(r.data.toString('utf8'));
      }
      if (token === '') return { ok: false, error: new TextError('CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set for token auth') };
      return { ok: true, agentURL: v.agentURL, auth: 'token', token, agentName: v.agentName };
    }
    case 'google-instance-identity':
    case 'aws-instance-identity':
    case 'azure-instance-identity':
      return { ok: true, agentURL: v.agentURL, auth: v.auth, agentName: v.agentName };
    default:
      return { ok: false, error: new TextError(`unknown agent auth type: ${v.auth}`) };
  }
}
