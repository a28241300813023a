import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createProcessRecord, stopRecorded } from '../../server/test/helpers/processes.ts';

/**
 * The journeys run the built app, as the server serves it in production. The teardown it returns
 * stops any server a journey left running (server/test/helpers/processes.ts).
 */
export default function globalSetup(): () => Promise<void> {
  const index = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  if (!existsSync(index)) {
    throw new Error('web/dist is missing: run `npm run build` in the repository root before the end-to-end tests.');
  }
  const dir = createProcessRecord();
  return async () => {
    const left = await stopRecorded(dir);
    if (left.length > 0) console.warn(`Stopped ${left.length} server(s) that journeys left running:\n  ${left.join('\n  ')}`);
  };
}
