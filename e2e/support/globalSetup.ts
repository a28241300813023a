import { createProcessRecord, stopRecorded } from '../../server/test/helpers/processes.ts';
import { buildTestApp } from './testBuild.ts';

/**
 * The journeys run the built app as the server serves it in production, with test hooks
 * (testBuild.ts). The teardown it returns stops any server a journey left running
 * (server/test/helpers/processes.ts).
 */
export default function globalSetup(): () => Promise<void> {
  buildTestApp();
  const dir = createProcessRecord();
  return async () => {
    const left = await stopRecorded(dir);
    if (left.length > 0) console.warn(`Stopped ${left.length} server(s) that journeys left running:\n  ${left.join('\n  ')}`);
  };
}
