/**
 * Prometheus metrics, one registry per server so several servers can live in one process (tests).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter<'type'>;
  messagesOut: Counter;
  refusals: Counter<'code'>;
  appendSeconds: Histogram;
  compactions: Counter;
  /** Set by the server when it knows its live counts. */
  connections: Gauge;
  documents: Gauge;
}

export function createMetrics(live: () => { connections: number; documents: number }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messagesIn: new Counter({ name: 'concord_messages_in_total', help: 'Frames received from clients, by message type', labelNames: ['type'], registers: [registry] }),
    messagesOut: new Counter({ name: 'concord_messages_out_total', help: 'Document updates sent to clients', registers: [registry] }),
    refusals: new Counter({ name: 'concord_refusals_total', help: 'Refused connections, messages and requests, by error code', labelNames: ['code'], registers: [registry] }),
    appendSeconds: new Histogram({
      name: 'concord_append_seconds',
      help: 'Time to append one update durably to the document log',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    compactions: new Counter({ name: 'concord_compactions_total', help: 'Log compactions into a snapshot', registers: [registry] }),
    connections: new Gauge({ name: 'concord_connections', help: 'Open document connections', registers: [registry], collect() { this.set(live().connections); } }),
    documents: new Gauge({ name: 'concord_documents', help: 'Documents loaded in memory', registers: [registry], collect() { this.set(live().documents); } }),
  };
}
