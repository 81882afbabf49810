// Public API of src/sim: scenarios, the World, MSW handlers for in-process use, the loopback
// simulator server (+ forward proxy + journal). The `serve` command is src/runner/command/serve.ts.
export { loadScenario, scenariosDir, ScenarioError } from './scenario/load.ts';
export type { Scenario, Revision, Fault, OperationId } from './scenario/types.ts';
export { REVISIONS, DEFAULT_REVISION } from './scenario/types.ts';
export { createWorld, DEFAULT_LINK_TIME } from './world.ts';
export type { World, WorldOptions, AgentRow, ProviderState, LinkState } from './world.ts';
export { createHandlers } from './handlers.ts';
export { OPERATIONS, operationFor } from './operations.ts';
export { startSimulator, CONNECT_REFUSED_TEXT } from './server/start.ts';
export type { Simulator, StartOptions } from './server/start.ts';
export { Journal } from './server/journal.ts';
export type { JournalEntry, JournalQuery, JournalService } from './server/journal.ts';
export { journalInProcess } from './server/in-process.ts';
export { simulatorEnv, shellExports } from './server/env.ts';
export { createCloudKeys, mintCloudKeys, exportCloudKeys, importCloudKeys } from './cloud/index.ts';
export type { CloudKeys, CloudKeysData } from './cloud/index.ts';
export { mintTlsIdentity, tlsIdentity } from './server/tls.ts';
export type { TlsIdentity } from './server/tls.ts';
