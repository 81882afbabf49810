// Per-option value state of one invocation (serpent keeps it in each Option's Value): the value and
// whether a flag or the environment set it (so SetDefaults skips it).
import type { OptionDef } from './options.ts';
import type { StoredValue } from './values.ts';

export interface OptionState {
  value: StoredValue;
  flagChanged: boolean;
  envChanged: boolean;
}

export class ValueStore {
  private readonly states = new Map<OptionDef, OptionState>();
  state(o: OptionDef): OptionState {
    let s = this.states.get(o);
    if (!s) {
      s = { value: undefined, flagChanged: false, envChanged: false };
      this.states.set(o, s);
    }
    return s;
  }
}
