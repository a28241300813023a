/**
 * Counts document updates out to clients, for `/metrics` (frames in are counted by the update
 * pipeline as it reads them, pipeline/pipeline.ts).
 */
import type { Extension, onChangePayload } from '@hocuspocus/server';
import type { Metrics } from '../metrics.ts';

export function trafficMetrics(metrics: Metrics): Extension {
  return {
    extensionName: 'concord-traffic-metrics',

    // Every change reaches each connection of the document except the one it came from.
    async onChange({ clientsCount, connection }: onChangePayload) {
      const recipients = clientsCount - (connection ? 1 : 0);
      if (recipients > 0) metrics.messagesOut.inc(recipients);
    },
  };
}
