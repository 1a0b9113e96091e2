/**
 * A lock service with leases, its clients and the storage they protect: the fencing-token lesson
 * (Kleppmann, "How to do distributed locking", 2016) as a protocol kind on the kernel.
 *
 * Processes: `lock` grants the lock to one client at a time for a lease of `leaseMs` (after which it
 * may grant it again even if the holder never released it) and numbers every grant with a fencing
 * token that only grows; `storage` accepts writes; clients c1..cN loop: acquire, work `workMs`, check
 * their lease on their own clock, write, release. A client can be paused (a stop-the-world garbage
 * collection, a VM migration): the whole process freezes, so it may check its lease, freeze past the
 * lease's end, and then write as if it still held the lock. With `fencing` on, storage remembers the
 * highest token it has seen and rejects a write carrying a lower one.
 *
 * Storage counts stale writes it accepted: a token lower than one it had already written, i.e. a
 * client whose lease had passed to another overwriting that holder's work.
 */
import type { Dist } from "../../engine/distributions";
import { HistoryRecorder } from "../../checker/history";
import { checkLinearizability } from "../../checker/linearizability";
import type { ProtocolView } from "../../checker/protocol-view";
import { defineKind } from "../../kernel/kind";
import type { NodeKind, Request, SimNode } from "../../kernel/model";
import { ProcessNetwork, type ProcessApi, type ProcessBehaviour } from "../../kernel/network";
import { array, boolean, literal, number, object, string, type Infer } from "../../kernel/schema-builder";
import { distSchema, kebabId } from "../../kernel/schema-common";

const pause = object(
  {
    client: string({ title: "Client to pause (c1, c2, ...)", pattern: /^c[0-9]+$/, patternName: "a client name such as \"c1\"" }),
    atMs: number({ min: 0, title: "Pause starts at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Pause lasts", unit: "ms" }),
  },
  { name: "a client pause" },
);

export const leaseLockSchema = object(
  {
    id: kebabId(),
    kind: literal("lease-lock"),
    clients: number({ integer: true, min: 1, max: 20, title: "Clients", default: 2, uiMin: 1, uiMax: 10 }),
    leaseMs: number({ above: 0, max: 600_000, title: "Lease length", unit: "ms", default: 1000, uiMin: 100, uiMax: 10_000 }),
    workMs: number({ min: 0, max: 600_000, title: "Work while holding the lock", unit: "ms", default: 200, uiMin: 0, uiMax: 2000 }),
    retryMs: number({ above: 0, max: 60_000, title: "Retry after a refusal", unit: "ms", default: 100, uiMin: 10, uiMax: 2000 }),
    fencing: boolean({ title: "Storage checks fencing tokens", default: false }),
    latencyMs: distSchema,
    pauses: array(pause, { title: "Client pauses (garbage collection)", maxItems: 64 }),
  },
  { optional: ["clients", "leaseMs", "workMs", "retryMs", "fencing", "latencyMs", "pauses"], name: "a lease-lock node" },
);
export type LeaseLockSpec = Infer<typeof leaseLockSchema>;

/** Cross-field checks: pauses naming existing clients. */
export function checkLeaseLock(spec: LeaseLockSpec, context: { path: string; issues: { path: string; message: string }[] }): void {
  const n = spec.clients ?? 2;
  (spec.pauses ?? []).forEach((p, i) => {
    if (Number(p.client.slice(1)) < 1 || Number(p.client.slice(1)) > n) context.issues.push({ path: `${context.path}.pauses[${i}].client`, message: `${context.path}.pauses[${i}].client names no client "${p.client}" (clients c1..c${n})` });
  });
}

type Message =
  | { type: "acquire" }
  | { type: "granted"; token: number; leaseMs: number }
  | { type: "busy" }
  | { type: "release"; token: number }
  | { type: "write"; token: number; value: number }
  | { type: "write-ok" }
  | { type: "write-rejected"; highest: number };

interface World {
  /** The newest token granted, and when its lease ends on the lock service's clock. */
  newest: { token: number; client: string; untilMs: number } | null;
  counts: { leasesGranted: number; leasesExpired: number; writesAccepted: number; writesRejected: number; staleWritesAccepted: number; cycles: number };
}

function lockService(api: ProcessApi, leaseMs: number, world: World): ProcessBehaviour {
  let holder: { client: string; token: number; untilMs: number } | null = null;
  return {
    onMessage(from, _label, payload) {
      const m = payload as Message;
      if (m.type === "acquire") {
        if (holder && holder.untilMs <= api.now()) {
          world.counts.leasesExpired++;
          holder = null;
        }
        if (holder) return api.send(from, "busy", { type: "busy" } satisfies Message);
        const token = ((api.disk.get("token") as number | undefined) ?? 0) + 1;
        api.disk.set("token", token);
        holder = { client: from, token, untilMs: api.now() + leaseMs };
        world.newest = { token, client: from, untilMs: holder.untilMs };
        world.counts.leasesGranted++;
        api.setState({ holder: from, token });
        api.send(from, "granted", { type: "granted", token, leaseMs } satisfies Message);
      } else if (m.type === "release" && holder?.token === m.token) {
        holder = null;
        api.setState({ holder: null, token: m.token });
      }
    },
  };
}

function storage(api: ProcessApi, fencing: boolean, world: World): ProcessBehaviour {
  let highest = 0;
  return {
    onMessage(from, _label, payload) {
      const m = payload as Message;
      if (m.type !== "write") return;
      if (fencing && m.token < highest) {
        world.counts.writesRejected++;
        return api.send(from, "write-rejected", { type: "write-rejected", highest } satisfies Message);
      }
      // Accepting an older token than one already written lets a stale holder overwrite a newer one.
      if (m.token < highest) world.counts.staleWritesAccepted++;
      highest = Math.max(highest, m.token);
      world.counts.writesAccepted++;
      api.setState({ value: m.value, token: m.token });
      api.send(from, "write-ok", { type: "write-ok" } satisfies Message);
    },
  };
}

interface ClientHooks {
  workMs: number;
  retryMs: number;
  /** Pauses of this client: [start, end) in simulated ms. */
  pauses: { from: number; to: number }[];
  begin(): Request | null;
  done(request: Request, ok: boolean): void;
}

/** A client that freezes during its pauses: nothing it would do runs until the pause ends. */
function lockClient(api: ProcessApi, hooks: ClientHooks, world: World): ProcessBehaviour {
  const frozenUntil = () => hooks.pauses.find((p) => api.now() >= p.from && api.now() < p.to)?.to ?? null;
  /** Runs `fn` now, or when the pause in progress ends. */
  const act = (label: string, fn: () => void) => {
    const until = frozenUntil();
    if (until === null) fn();
    else api.setTimer(until - api.now(), `${label} (after pause)`, () => act(label, fn));
  };
  let current: { request: Request; token: number } | null = null;
  let request: Request | null = null;
  const acquire = () => {
    request ??= hooks.begin();
    if (!request) return;
    api.send("lock", "acquire", { type: "acquire" } satisfies Message);
  };
  act("start", acquire);
  return {
    onMessage(_from, label, payload) {
      act(label, () => {
        const m = payload as Message;
        if (m.type === "busy") api.setTimer(hooks.retryMs, "retry", () => act("retry", acquire));
        else if (m.type === "granted" && request) {
          current = { request, token: m.token };
          api.setState({ token: m.token, holding: true });
          // The lease covers the work with room to spare, so the client goes ahead and writes when the
          // work is done. A pause during the work makes the write leave after the lease has ended (a
          // check just before the write would only move the gap: the pause can fall right after it).
          api.setTimer(hooks.workMs, "work", () => act("write", () => api.send("storage", "write", { type: "write", token: m.token, value: m.token } satisfies Message)));
        } else if (m.type === "write-ok" || m.type === "write-rejected") finish(m.type === "write-ok");
      });
    },
  };
  function finish(ok: boolean) {
    const c = current;
    if (!c) return;
    api.send("lock", "release", { type: "release", token: c.token } satisfies Message);
    api.setState({ token: c.token, holding: false });
    current = null;
    request = null;
    world.counts.cycles++;
    hooks.done(c.request, ok);
    api.setTimer(hooks.retryMs, "next", () => act("next", acquire));
  }
}

export const leaseLockKind: NodeKind<LeaseLockSpec> = {
  kind: "lease-lock",
  create(spec, ctx) {
    const { sim, ledger } = ctx;
    const latency: Dist = spec.latencyMs ?? { dist: "uniform", minMs: 1, maxMs: 5 };
    const net = new ProcessNetwork({ sim, random: (p) => ctx.random(p), defaultLink: { latencyMs: latency }, logging: ctx.tracing });
    const world: World = { newest: null, counts: { leasesGranted: 0, leasesExpired: 0, writesAccepted: 0, writesRejected: 0, staleWritesAccepted: 0, cycles: 0 } };
    const n = spec.clients ?? 2;
    const history = new HistoryRecorder(0);
    let inFlight = 0;
    net.add("lock", (api) => lockService(api, spec.leaseMs ?? 1000, world));
    net.add("storage", (api) => storage(api, spec.fencing ?? false, world));
    for (let i = 0; i < n; i++) {
      const id = `c${i + 1}`;
      const pauses = (spec.pauses ?? []).filter((p) => p.client === id).map((p) => ({ from: p.atMs, to: p.atMs + p.durationMs }));
      net.add(id, (api) =>
        lockClient(
          api,
          {
            workMs: spec.workMs ?? 200,
            retryMs: spec.retryMs ?? 100,
            pauses,
            begin() {
              const r = ctx.newRequest(0, i);
              if (r) {
                ledger.arrive(r);
                inFlight++;
              }
              return r;
            },
            done(r, ok) {
              inFlight--;
              ledger.settle(r, ok ? "ok" : "error", sim.now, ok ? undefined : "fenced-or-expired");
            },
          },
          world,
        ),
      );
    }
    const node: SimNode & { start(): void; protocol(): ProtocolView } = {
      id: spec.id,
      kind: "lease-lock",
      start() {
        net.start();
      },
      receive(_r, reply) {
        reply("error", "not-accepting");
      },
      load: () => inFlight,
      crash() {
        net.crash("lock");
      },
      recover() {
        net.restart("lock");
      },
      metrics: () => ({ ...world.counts, messagesSent: net.counters.sent }),
      gauges: () => ({ holder: world.newest && world.newest.untilMs > sim.now ? world.newest.client : "none", token: world.newest?.token ?? 0, fencing: spec.fencing ?? false }),
      protocol: () => ({ processes: net.processIds, log: net.log, snapshot: net.snapshot(), history: history.operations, check: () => checkLinearizability([]) }),
    };
    return node;
  },
};

export const leaseLockDefinition = defineKind({
  kind: "lease-lock",
  title: "Lock service with leases",
  summary: "A protocol: clients take a leased lock, work, and write to storage; a paused client can outlive its lease, and fencing tokens let storage refuse it.",
  schema: leaseLockSchema,
  model: leaseLockKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: false,
  isSource: true,
  check: checkLeaseLock,
  metrics: {
    leasesGranted: { title: "Leases granted", of: "leases" },
    leasesExpired: { title: "Leases that ran out before release", of: "leases" },
    writesAccepted: { title: "Writes accepted by storage", of: "writes" },
    writesRejected: { title: "Writes rejected for an old token", of: "writes" },
    staleWritesAccepted: { title: "Stale writes accepted over a newer holder's", of: "writes" },
    cycles: { title: "Lock cycles finished" },
    messagesSent: { title: "Messages sent", of: "messages" },
  },
  gauges: {
    holder: { title: "Lease holder", role: "state" },
    token: { title: "Newest fencing token", role: "other" },
    fencing: { title: "Fencing on", role: "flag" },
  },
});
