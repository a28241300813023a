import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The journeys run the built app, as the server serves it in production. */
export default function globalSetup(): void {
  const index = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  if (!existsSync(index)) {
    throw new Error('web/dist is missing: run `npm run build` in the repository root before the end-to-end tests.');
  }
}
