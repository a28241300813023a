// Whatever a test started and did not stop (it timed out, or its test process was killed) is
// stopped when the suite ends: see server/test/helpers/processes.ts.
import { createProcessRecord, stopRecorded } from './server/test/helpers/processes.ts';

export default function setup(): () => Promise<void> {
  const dir = createProcessRecord();
  return async () => {
    const left = await stopRecorded(dir);
    if (left.length > 0) console.warn(`Stopped ${left.length} process(es) that tests left running:\n  ${left.join('\n  ')}`);
  };
}
