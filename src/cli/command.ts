// The `coder external-auth access-token <provider>` handler (behavior.md §1.2): create the agent
// client, GET the external auth token, print exactly one of JSON (--output json, pr26883), the URL
// (then exit 1 silently via ErrCanceled), the --extra gjson result, or the access token; no newline.
import { gjsonGet, jsonMarshal, jsonMarshalIndent, MarshalerError, zeroTime, type GoURL } from '../go/index.ts';
import { createClientConfig } from './agentauth.ts';
import { ErrCanceled, GoError, TextError, WrapError } from './errors/model.ts';
import { traitsOf } from './revision.ts';
import type { Invocation } from './serpent/invocation.ts';
import type { ExternalAuthResponse } from './agentsdk/index.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The JSON text `--output json` prints: MarshalIndent of the struct in field order. */
export function responseJSON(resp: ExternalAuthResponse): string {
  const m = new Map<string, unknown>([
    ['access_token', resp.access_token],
    ['token_extra', resp.token_extra ?? null],
    ['url', resp.url],
    ['type', resp.type],
    ['expires_at', resp.expires_at ?? zeroTime],
    ['username', resp.username],
    ['password', resp.password],
  ]);
  return jsonMarshalIndent(m, '', '  ');
}

export async function accessTokenHandler(inv: Invocation): Promise<GoError | undefined> {
  // SignalNotifyContext comes first in the handler: from here until it returns, stop signals cancel.
  const notify = inv.notifySignals?.();
  try {
    return await handle(inv, notify?.signal);
  } finally {
    notify?.stop();
  }
}

async function handle(inv: Invocation, notified: AbortSignal | undefined): Promise<GoError | undefined> {
  const traits = traitsOf(inv.revision);
  const cfg = createClientConfig({
    agentURL: inv.value('agentURL') as GoURL | undefined,
    auth: str(inv.value('agentAuth')),
    token: str(inv.value('agentToken')),
    tokenFile: str(inv.value('agentTokenFile')),
    agentName: traits.agentName ? str(inv.value('agentName')) : '',
  });
  if (!cfg.ok) return new WrapError('create agent client', cfg.error);

  const sdk = await import('./agentsdk/index.ts');
  const client = sdk.createAgentClient({
    agentURL: cfg.agentURL,
    auth: cfg.auth,
    token: cfg.token,
    agentName: cfg.agentName,
    env: inv.env,
    revision: inv.revision,
  });
  const signals = [notified, inv.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  return fetchAndPrint(inv, client, signal);
}

type Client = ReturnType<typeof import('./agentsdk/index.ts').createAgentClient>;

async function fetchAndPrint(inv: Invocation, client: Client, signal: AbortSignal | undefined): Promise<GoError | undefined> {
  const traits = traitsOf(inv.revision);
  let resp: ExternalAuthResponse;
  try {
    resp = await client.externalAuth({ id: inv.args[0] }, signal);
  } catch (e) {
    return new WrapError('get external auth token', e instanceof GoError ? e : new TextError(String(e)));
  }

  const extra = str(inv.value('extra'));
  if (traits.outputFlag && inv.value('output') === 'json') {
    let out: string;
    try {
      out = responseJSON(resp);
    } catch (e) {
      // An expires_at that parsed but does not marshal (an offset of 24 hours or more).
      if (e instanceof MarshalerError) return new WrapError('marshal external auth response', new TextError(e.message));
      throw e;
    }
    inv.stdout.write(out);
  } else if (resp.url !== '') {
    inv.stdout.write(resp.url);
  } else if (extra !== '') {
    if (resp.token_extra === null || resp.token_extra === undefined) return new TextError('no extra properties found for token');
    const data = jsonMarshal(resp.token_extra);
    inv.stdout.write(gjsonGet(data, extra).string());
  } else {
    inv.stdout.write(resp.access_token);
  }
  return resp.url !== '' ? ErrCanceled : undefined;
}
