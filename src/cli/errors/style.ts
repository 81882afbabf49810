// Terminal styles for error output (cliui DefaultStyles, reduced): red for the error/headline style,
// yellow for warnings, a one-space pad for validation fields. Escape codes only when stdout is a TTY
// and NO_COLOR is unset (revision.ts UNCONFIRMED.honourNoColor). The exact codes are basic ANSI
// (31 red, 33 yellow): upstream's termenv profile-dependent colours are not reproduced.
import { UNCONFIRMED } from '../revision.ts';

export interface Styles {
  error(s: string): string;
  warn(s: string): string;
  field(s: string): string;
}

const wrap = (code: string) => (s: string) => (s === '' ? s : `\x1b[${code}m${s}\x1b[0m`);

export function makeStyles(stdoutIsTTY: boolean, env: Record<string, string | undefined>): Styles {
  const noColor = UNCONFIRMED.honourNoColor && env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const color = stdoutIsTTY && !noColor;
  if (!color) return { error: (s) => s, warn: (s) => s, field: (s) => ` ${s} ` };
  return { error: wrap('31'), warn: wrap('33'), field: (s) => ` ${s} ` };
}
