export function yamlString(s: string): string;
export function maskPorts(s: string): string;
export function fillLine(line: string, proc: { exitCode: number | null; stdout: string; stderr: string }): string;
