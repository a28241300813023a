/**
 * The publish stage: acknowledged means announced (scale/redis-fan-out.ts). A durable update goes
 * to the other instances before Hocuspocus applies and acknowledges it, so an instance killed right
 * after the acknowledgement has already handed it on. Without Redis this does nothing; with Redis
 * down or slow it waits a bounded time and goes on (fan-out degrades, local editing does not).
 */
import type { FanOut } from '../scale/fan-out.ts';
import type { CheckedUpdate } from './check.ts';

export async function publish(fanOut: Pick<FanOut, 'publishUpdate'>, update: CheckedUpdate): Promise<void> {
  await fanOut.publishUpdate(update.documentName, update.update);
}
