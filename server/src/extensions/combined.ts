/**
 * Concord's extensions handed to Hocuspocus as one. For every hook it calls, Hocuspocus filters its
 * whole extension list and chains a `then` and a `catch` for each extension that has the hook; a
 * document update calls four (beforeHandleMessage, beforeSync, onChange, afterHandleMessage), and
 * with Concord's twelve extensions, three of them on onChange, that was ~3 % of the server's
 * samples in a trace replay (docs/BENCHMARKS.md, "Trace replay: Concord's own per-edit costs").
 *
 * As one extension, each hook is one link that calls the parts that have it in list order, each
 * awaited before the next, a rejection skipping the rest and reaching Hocuspocus: what Hocuspocus
 * does with them as separate extensions. A hook whose result Hocuspocus reads (a context, a loaded
 * document) is handed the one part that has it, whose result it then is; two parts with such a hook
 * are refused when the list is built. Parts keep no priority: the list's order is the order.
 */
import type { Extension, HookName, HookPayloadByName } from '@hocuspocus/server';

/**
 * Every Hocuspocus hook, and whether Hocuspocus reads what it resolves to (a record, so that the
 * compiler notices a hook added to or removed from Hocuspocus).
 */
const HOOKS: Record<HookName, 'result read' | 'result ignored'> = {
  onConfigure: 'result ignored',
  onListen: 'result ignored',
  onUpgrade: 'result ignored',
  onConnect: 'result read',
  connected: 'result ignored',
  onAuthenticate: 'result read',
  onTokenSync: 'result read',
  onCreateDocument: 'result read',
  onLoadDocument: 'result read',
  afterLoadDocument: 'result ignored',
  beforeHandleMessage: 'result ignored',
  afterHandleMessage: 'result ignored',
  beforeHandleAwareness: 'result ignored',
  beforeBroadcastStateless: 'result ignored',
  beforeSync: 'result ignored',
  onStateless: 'result ignored',
  onChange: 'result ignored',
  onStoreDocument: 'result ignored',
  afterStoreDocument: 'result ignored',
  onAwarenessUpdate: 'result ignored',
  onRequest: 'result ignored',
  onDisconnect: 'result ignored',
  beforeUnloadDocument: 'result ignored',
  afterUnloadDocument: 'result ignored',
  onDestroy: 'result ignored',
};

type Hook = (payload: HookPayloadByName[HookName]) => Promise<unknown>;

export function combined(extensionName: string, parts: readonly Extension[]): Extension {
  const extension: Record<string, unknown> = { extensionName };
  const ranked = parts.find((part) => part.priority !== undefined);
  // Hocuspocus would order a part with a priority among all extensions; inside one it cannot.
  if (ranked) throw new Error(`${ranked.extensionName ?? 'an extension'}: a part of ${extensionName} keeps no priority; place it in the list instead`);
  for (const name of Object.keys(HOOKS) as HookName[]) {
    const having = parts.filter((part) => typeof part[name] === 'function');
    const hooks = having.map((part) => (part[name] as Hook).bind(part));
    if (hooks.length === 0) continue;
    if (hooks.length === 1) {
      extension[name] = hooks[0];
      continue;
    }
    if (HOOKS[name] === 'result read') {
      throw new Error(`${name}: Hocuspocus reads its result, so only one extension may have it (${having.map((part) => part.extensionName).join(', ')})`);
    }
    extension[name] = async (payload: HookPayloadByName[HookName]) => {
      for (const hook of hooks) await hook(payload);
    };
  }
  return extension as Extension;
}
