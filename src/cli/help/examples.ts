// coder's FormatExamples: "  - <desc>:\n\n    " + " " + "$ <command>" per example, joined by "\n\n".
// Without a TTY the Code style adds no padding, so the leading space stays a single space.

export interface Example {
  description: string;
  command: string;
}

export function formatExamples(examples: Example[]): string {
  let out = '';
  examples.forEach((e, i) => {
    if (e.description.length > 0) out += `  - ${e.description}:\n\n    `;
    out += ` $ ${e.command}`;
    if (i < examples.length - 1) out += '\n\n';
  });
  return out;
}
