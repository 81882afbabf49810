export function simulatorPort(result: { invocation?: { env?: Record<string, string> } } | undefined): string | undefined;
export function maskPort(s: string, port: string | undefined): string;
export function fillLine(line: string, proc: { exitCode: number | null; stdout: string; stderr: string }, port?: string): string;
