// Terminal styles for error output (cliui DefaultStyles, reduced): red for the error/headline style,
// yellow for warnings, a one-space pad and white on dark grey for validation fields. Red and yellow are
// cliui's ANSI colours 1 and 3, which every termenv profile but Ascii writes as `\x1b[31m` / `\x1b[33m`
// (…`\x1b[0m`); the Field's hex colours depend on the profile. cliui.Color asks termenv
// `NewOutput(os.Stdout).EnvColorProfile()` (v0.16.0;
// the same cliui.go in v2.30.0, v2.35.3 and v2.36.0; checked with terminal cases on those builds):
// - no colour when NO_COLOR is non-empty, or CLICOLOR is "0" and colour is not forced;
// - colour when the profile of stdout is not Ascii: stdout a terminal, CI unset or empty, and
//   GOOGLE_CLOUD_SHELL=true, COLORTERM 24bit/truecolor/yes/true (any case), or TERM one of termenv's
//   known names or containing `color` or `ansi` (so no colour without TERM, or with TERM=dumb);
//   the profile (ANSI, ANSI256, TrueColor) from the same variables;
// - colour when CLICOLOR_FORCE is non-empty and not "0", even when stdout is not a terminal.

export interface Styles {
  error(s: string): string;
  warn(s: string): string;
  field(s: string): string;
}

const wrap = (code: string) => (s: string) => (s === '' ? s : `\x1b[${code}m${s}\x1b[0m`);

/** termenv's profiles: what colours stdout can show. */
export type Profile = 'ascii' | 'ansi' | 'ansi256' | 'truecolor';

/** Terminal names termenv's unix ColorProfile knows. */
const TRUECOLOR_TERMS = new Set(['alacritty', 'contour', 'rio', 'wezterm', 'xterm-ghostty', 'xterm-kitty']);

/** termenv's Output.ColorProfile() (unix), for stdout. Go's Getenv: unset reads as "". */
function colorProfile(stdoutIsTTY: boolean, env: Record<string, string | undefined>): Profile {
  // isTTY(): a set CI means "not a terminal".
  if (!stdoutIsTTY || (env.CI ?? '') !== '') return 'ascii';
  if (env.GOOGLE_CLOUD_SHELL === 'true') return 'truecolor';
  const term = env.TERM ?? '';
  const colorTerm = (env.COLORTERM ?? '').toLowerCase();
  if (colorTerm === '24bit' || colorTerm === 'truecolor') {
    // tmux supports TrueColor, screen only ANSI256
    return term.startsWith('screen') && env.TERM_PROGRAM !== 'tmux' ? 'ansi256' : 'truecolor';
  }
  if (colorTerm === 'yes' || colorTerm === 'true') return 'ansi256';
  if (TRUECOLOR_TERMS.has(term)) return 'truecolor';
  if (term === 'linux' || term === 'xterm') return 'ansi';
  if (term.includes('256color')) return 'ansi256';
  return term.includes('color') || term.includes('ansi') ? 'ansi' : 'ascii';
}

/** termenv's EnvColorProfile(): NO_COLOR / CLICOLOR=0 turn colour off, CLICOLOR_FORCE turns it on. */
export function envColorProfile(stdoutIsTTY: boolean, env: Record<string, string | undefined>): Profile {
  const forced = (env.CLICOLOR_FORCE ?? '') !== '' && env.CLICOLOR_FORCE !== '0';
  if ((env.NO_COLOR ?? '') !== '' || (env.CLICOLOR === '0' && !forced)) return 'ascii';
  const p = colorProfile(stdoutIsTTY, env);
  return forced && p === 'ascii' ? 'ansi' : p;
}

/**
 * The Field style's colours (#FFFFFF on #2B2A2A) as termenv writes them per profile: the nearest
 * basic colours (97 on 40), the nearest of the 256 (231 on 232), or themselves.
 */
const FIELD: Record<Exclude<Profile, 'ascii'>, { fg: string; bg: string }> = {
  ansi: { fg: '97', bg: '40' },
  ansi256: { fg: '38;5;231', bg: '48;5;232' },
  truecolor: { fg: '38;2;255;255;255', bg: '48;2;43;42;42' },
};

export function makeStyles(stdoutIsTTY: boolean, env: Record<string, string | undefined>): Styles {
  const profile = envColorProfile(stdoutIsTTY, env);
  if (profile === 'ascii') return { error: (s) => s, warn: (s) => s, field: (s) => ` ${s} ` };
  // pretty applies a style's parts in order: pad, then foreground, then background around it.
  const { fg, bg } = FIELD[profile];
  return { error: wrap('31'), warn: wrap('33'), field: (s) => wrap(bg)(wrap(fg)(` ${s} `)) };
}
