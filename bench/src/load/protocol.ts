// Messages between the CLI and its load processes (over the fork IPC channel).

export interface ClientSpec {
  doc: string;
  user: string;
}

export interface Auth {
  secret: string;
  org: string;
}

export type Command =
  | { kind: 'connect'; url: string; auth: Auth; clients: ClientSpec[]; awareness: boolean; concurrency: number }
  | {
      kind: 'fanout';
      /** Epoch ms at which every load process starts editing. */
      startAt: number;
      /** Edits per second sent by this process. */
      rate: number;
      warmupMs: number;
      measureMs: number;
      drainMs: number;
      payloadBytes: number;
    }
  | { kind: 'closedLoop'; startAt: number; warmupMs: number; measureMs: number; payloadBytes: number }
  | { kind: 'fill'; url: string; auth: Auth; doc: string; bytes: number }
  | { kind: 'load'; url: string; auth: Auth; doc: string; expectBytes: number }
  | { kind: 'replay'; url: string; auth: Auth; doc: string; tracePath: string; limit: number; window: number }
  | { kind: 'close' };

export interface LoadStats {
  /** CPU of this load process over the command, % of one core. */
  cpuPct: number;
  eldP50Ms: number;
  eldP99Ms: number;
  eldMaxMs: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  closeReasons: string[];
  ms: number;
}

export interface FanoutResult {
  /** Edit-to-peer latencies (ms) of edits sent inside the measure window. */
  latencies: number[];
  sentMeasured: number;
  /** Deliveries of measured edits to this process's clients. */
  receivedMeasured: number;
  closeReasons: string[];
}

export interface ClosedLoopResult {
  ackLatencies: number[];
  closeReasons: string[];
}

export interface FillResult {
  bytes: number;
}

export interface LoadResult {
  ms: number;
  bytes: number;
}

export interface ReplayResult {
  edits: number;
  ms: number;
  textMatches: boolean;
  textLength: number;
  expectedLength: number;
  closeReasons: string[];
}

export type Reply<T> = { id: number; ok: true; value: T; load: LoadStats } | { id: number; ok: false; error: string };

export interface Envelope {
  id: number;
  command: Command;
}
