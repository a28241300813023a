/**
 * Counts frames in from clients (by kind) and document updates out to them, for `/metrics`.
 */
import type { Extension, beforeHandleMessagePayload, onChangePayload } from '@hocuspocus/server';
import type { Metrics } from '../metrics.ts';
import { readFrame } from '../protocol/frame.ts';

export function trafficMetrics(metrics: Metrics): Extension {
  return {
    extensionName: 'concord-traffic-metrics',
    // First of all, so refused frames are counted too.
    priority: 2000,

    async beforeHandleMessage({ update: frame }: beforeHandleMessagePayload) {
      let type = 'malformed';
      try {
        const parsed = readFrame(frame);
        type = parsed.kind === 'other' ? `type-${parsed.messageType}` : parsed.kind;
      } catch {
        // counted as malformed; the guards refuse it
      }
      metrics.messagesIn.inc({ type });
    },

    // Every change reaches each connection of the document except the one it came from.
    async onChange({ clientsCount, connection }: onChangePayload) {
      const recipients = clientsCount - (connection ? 1 : 0);
      if (recipients > 0) metrics.messagesOut.inc(recipients);
    },
  };
}
