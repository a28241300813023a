/**
 * Reads the configuration, starts the server, stops it cleanly on SIGTERM/SIGINT. Nothing else.
 */
import { ConfigError, loadConfig } from './config.ts';
import { routeConsoleToLogger } from './console.ts';
import { createLogger } from './logger.ts';
import { createServer } from './server.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
routeConsoleToLogger(logger);
if (config.devMode) {
  logger.warn(
    '\n\n  ⚠  DEV MODE: no AUTH_SECRET or AUTH_JWKS_URL is set. Anyone can get a token from POST /api/dev/token.\n' +
      '     Set AUTH_SECRET (or AUTH_JWKS_URL) before exposing this server.\n',
  );
}

if (config.oidc) {
  const { issuer, clientId, providerName } = config.oidc;
  logger.info({ issuer, clientId, providerName }, 'sign-in with OpenID Connect');
}

const server = await createServer(config, { logger });

// A stop that takes longer than this has hung somewhere; exiting non-zero beats being killed by the
// container runtime (10 s after SIGTERM by default) with nothing said.
const STOP_DEADLINE_MS = 8_000;
let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  setTimeout(() => {
    logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'stop took too long; exiting without finishing it');
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  try {
    await server.close();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
// Installed before "listening" is logged: whoever waits for that line may signal right away.
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

const { port, url } = await server.listen();
logger.info({ port, url, collab: `ws://${config.host}:${port}/collab`, storage: server.storage.backend, devMode: config.devMode }, 'listening');
