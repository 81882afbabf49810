// inv.SignalNotifyContext(ctx, StopSignals...) for the real process (behavior.md §1.1): while the
// handler runs, the first SIGINT/SIGTERM/SIGHUP (SIGINT only on Windows) cancels the returned signal
// with `context canceled` and later ones are swallowed; stop() removes the listeners so that signals
// outside the handler get Node's default handling (the process dies by the signal), like Go.
import { ErrCanceledCtx } from './errors/model.ts';
import type { SignalContext } from './serpent/invocation.ts';

export const STOP_SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function notifySignals(): SignalContext {
  const ctl = new AbortController();
  const onSignal = () => {
    if (!ctl.signal.aborted) ctl.abort(ErrCanceledCtx);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return {
    signal: ctl.signal,
    stop: () => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
    },
  };
}
