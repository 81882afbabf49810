// Normalisations applied to an implementation's output before comparison. The only one: the
// help header's build version (`coder v2.21.3+abc`) becomes `coder v0.0.0-devel`, as upstream's
// golden tests do. Each applied normalisation is named so reports can list it.

export const HELP_VERSION_NORMALISATION = 'help header version "coder vX" -> "coder v0.0.0-devel"';

const HEADER = /^coder v[^\s]+(?=\n|$)/;

export function normaliseStdout(stdout: string): { text: string; applied: string[] } {
  if (!HEADER.test(stdout)) return { text: stdout, applied: [] };
  const text = stdout.replace(HEADER, 'coder v0.0.0-devel');
  return { text, applied: text === stdout ? [] : [HELP_VERSION_NORMALISATION] };
}
