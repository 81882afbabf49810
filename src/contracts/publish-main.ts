// `npm run pact:publish`: publishes pacts/ to the broker named by PACT_BROKER_BASE_URL.
// Exit 0 published, 1 broker/client failure, 2 missing or conflicting configuration.
import { publishPacts } from './publish.ts';
import { PublishConfigError } from './publish-config.ts';

export async function main(env: Record<string, string | undefined>): Promise<number> {
  try {
    const { exitCode } = await publishPacts({ env, stdout: process.stdout, stderr: process.stderr });
    if (exitCode !== 0) process.stderr.write(`pact:publish: pact-broker publish failed (exit ${exitCode})\n`);
    return exitCode === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof PublishConfigError) {
      process.stderr.write(`pact:publish: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.env);
