/**
 * Once per test run, before any container test: the Docker engine must answer (these tests fail,
 * never skip, without one; .ci/run starts it), and the image is built from the checkout
 * (image-build.ts). Its tag is handed to the tests as `inject('concordImage')`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildImage } from './image-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    concordImage: string;
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TOOLS = 'docker-up.sh, then base-image.sh, from the tools folder .ci/run uses';

export default async function setup(project: TestProject): Promise<void> {
  try {
    execFileSync('docker', ['info'], { stdio: 'pipe', timeout: 30_000 });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(`The container tests need a running Docker engine, and none answers: ${detail}\nStart one with ${TOOLS}.`);
  }
  const base = /^ARG NODE_IMAGE=(\S+)/m.exec(readFileSync(`${REPO_ROOT}/Dockerfile`, 'utf8'))?.[1];
  try {
    const image = await buildImage(REPO_ROOT);
    console.info(image.built ? `container tests: built ${image.tag} in ${image.seconds.toFixed(0)} s` : `container tests: reusing ${image.tag}, built earlier from the same files`);
    project.provide('concordImage', image.tag);
  } catch (error) {
    throw new Error(`The image did not build. Without a container registry, its base image ${base ?? '(see Dockerfile)'} must exist locally: ${TOOLS}.\n${(error as Error).message}`);
  }
}
