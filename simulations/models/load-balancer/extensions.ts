/**
 * Load-balancer extensions: affinity, long-lived connections, zones, canary weights and membership
 * changes during a run. Each narrows or overrides the strategy's choice; none is active unless its
 * field is set, so a v1 balancer takes none of these paths.
 *
 * - **Sticky sessions** (`affinity: "cookie"`): the first request of a client picks a target by the
 *   strategy and the client is pinned there (the cookie) for `sessionMs` (absent: for the whole run).
 *   A pin survives until its target leaves the rotation (health check, `remove` change) or answers
 *   "connection refused" (crashed); then the session is lost (`sessionsLost`) and the next request
 *   picks again.
 * - **Long-lived connections** (`level: "connection"`): the same pinning, read as one connection per
 *   client identity: the balancer chooses a target when the connection opens and every request on it
 *   goes there, until `maxConnectionAgeMs` (±10% jitter) closes it and the client reconnects.
 * - **Zones** (`zones`: which zone each source and target is in; `zoneMode`): `cross-zone` spreads over
 *   every target; `local` uses only targets in the caller's zone (the caller is the request's source);
 *   `zone-aware` stays local unless no local target is usable or every local target is saturated (more
 *   requests inside it than it has workers), then spills to all zones. A request served in another zone
 *   than its source's pays `crossZoneMs` more (`crossZoneRatio` counts them).
 * - **Canary** (`canary`): a share `weight` of requests goes to the `targets` pool, the rest to the
 *   others; `steps` change the weight at given times. With `autoRollback`, at each step the canary's
 *   error rate during the step is compared with the stable pool's: more than `rollbackMargin` worse
 *   (with at least `minRequests` canary requests) sets the weight to 0 for good (`rolledBack`).
 * - **Membership changes** (`changes`: `{ atMs, target, action: "add" | "remove" }`): a target whose
 *   first change is `add` starts out of the rotation. On each change the balancer counts the keys (or
 *   clients, for ip-hash) it has routed whose owner moved: `keysRemapped`, `keysRemappedRatio` (of the
 *   last change). With consistent hashing about 1/n move; with modulo hashing most do.
 */
import type { ModelContext, Reply, Request } from "../../kernel/model";
import type { LoadBalancerSpec } from "./schema";

export interface ExtensionHost {
  spec: LoadBalancerSpec;
  ctx: ModelContext;
  n: number;
  usable(i: number): boolean;
  pick(key: number, client: number): number;
  inRotation: boolean[];
  setMask(mask: boolean[] | null): void;
  /** Sends to target i with the balancer's own bookkeeping (outstanding, sentTo, response times). */
  forward(i: number, request: Request, reply: Reply): void;
  noTarget(request: Request): void;
}

interface Pin {
  target: number;
  expiresAt: number;
}

/** The runtime side of the extensions, driven by the balancer's `receive` when any is set. */
export function createExtensions(host: ExtensionHost) {
  const { spec, ctx, n } = host;
  const { sim } = ctx;
  const edges = ctx.outgoing;
  const counting = () => sim.now >= ctx.warmupMs;

  // Pinning: sticky sessions and long-lived connections share one mechanism.
  const pinning = spec.affinity === "cookie" || spec.level === "connection";
  const pinLifeMs = spec.level === "connection" ? spec.maxConnectionAgeMs ?? null : spec.sessionMs ?? null;
  const jitter = ctx.random("connection-age");
  const pins = new Map<number, Pin>();
  let sessions = 0;
  let sessionsLost = 0;

  // Zones.
  const zoneOf = new Map<string, string>();
  for (const z of spec.zones ?? []) for (const id of z.nodes) zoneOf.set(id, z.zone);
  const targetZone = edges.map((e) => zoneOf.get(e.to));
  const zoneMode = spec.zoneMode ?? "cross-zone";
  const crossZoneMs = spec.crossZoneMs ?? 1;
  const zoneMasks = new Map<string, boolean[]>();
  for (const z of new Set(zoneOf.values())) zoneMasks.set(z, targetZone.map((t) => t === z));
  let workers: number[] | null = null;
  let crossed = 0;
  let routed = 0;

  // Canary.
  const canary = spec.canary;
  const isCanary = edges.map((e) => canary?.targets.includes(e.to) ?? false);
  const canaryMask = isCanary;
  const stableMask = isCanary.map((c) => !c);
  const split = ctx.random("canary-split");
  let canaryWeight = canary?.weight ?? 0;
  let rolledBack = false;
  let canaryRequests = 0;
  let canaryFailed = 0;
  let stableRequests = 0;
  let stableFailed = 0;
  let stepCanary = [0, 0];
  let stepStable = [0, 0];

  // Membership changes.
  const hashing = spec.strategy === "consistent-hash" || spec.strategy === "key-hash" || spec.strategy === "ip-hash";
  const owners = new Map<number, number>();
  let keysRemapped = 0;
  let keysRemappedRatio = 0;
  let changesApplied = 0;
  const failedBy = new Array<number>(n).fill(0);

  const and = (a: boolean[] | null, b: boolean[] | null): boolean[] | null => (a && b ? a.map((x, i) => x && b[i]) : a ?? b);

  const choose = (request: Request, mask: boolean[] | null): number => {
    host.setMask(mask);
    const i = host.pick(request.key, request.client);
    host.setMask(null);
    return i;
  };

  const saturated = (i: number) => {
    if (!workers) workers = edges.map((e) => {
      const w = ctx.peer(e.to).gauges().workers;
      return typeof w === "number" && w > 0 ? w : 1;
    });
    return ctx.peer(edges[i].to).load() >= workers[i];
  };

  const pickFresh = (request: Request): number => {
    let poolMask: boolean[] | null = null;
    if (canary) poolMask = canaryWeight > 0 && split.next() < canaryWeight ? canaryMask : stableMask;
    const origin = zoneOf.get(request.sourceId);
    if (origin === undefined || zoneMode === "cross-zone") return choose(request, poolMask);
    const local = and(poolMask, zoneMasks.get(origin) ?? null);
    if (zoneMode === "local") return choose(request, local);
    // zone-aware: local while some usable local target has room, else spill to every zone.
    let room = false;
    for (let i = 0; i < n; i++) {
      if (local && !local[i]) continue;
      host.setMask(local);
      const ok = host.usable(i);
      host.setMask(null);
      if (ok && !saturated(i)) {
        room = true;
        break;
      }
    }
    return choose(request, room ? local : poolMask);
  };

  const remapCount = () => {
    if (!hashing || owners.size === 0) return;
    let moved = 0;
    for (const [basis, owner] of owners) {
      const now = host.pick(spec.strategy === "ip-hash" ? -1 : basis, basis);
      if (now !== owner) moved++;
      owners.set(basis, now);
    }
    keysRemapped += moved;
    keysRemappedRatio = moved / owners.size;
  };

  const judgeCanary = () => {
    if (!canary || rolledBack || !canary.autoRollback) return;
    const [cReq, cFail] = stepCanary;
    const [sReq, sFail] = stepStable;
    const margin = canary.rollbackMargin ?? 0.01;
    if (cReq >= (canary.minRequests ?? 20) && cFail / cReq - (sReq > 0 ? sFail / sReq : 0) > margin) {
      rolledBack = true;
      canaryWeight = 0;
      if (ctx.tracing) ctx.emit("balancer.canary-rolled-back", `canary error rate ${(cFail / cReq).toFixed(4)}`);
    }
  };

  return {
    start() {
      for (const c of spec.changes ?? []) {
        const i = edges.findIndex((e) => e.to === c.target);
        if (i < 0) continue;
        sim.scheduleAt(Math.max(c.atMs, sim.now), () => {
          inRotationSet(i, c.action === "add");
        }, 999);
      }
      for (const step of canary?.steps ?? []) {
        sim.scheduleAt(Math.max(step.atMs, sim.now), () => {
          judgeCanary();
          stepCanary = [0, 0];
          stepStable = [0, 0];
          if (!rolledBack) canaryWeight = step.weight;
          if (ctx.tracing) ctx.emit("balancer.canary-step", `weight ${canaryWeight}`);
        }, 999);
      }
    },
    receive(request: Request, reply: Reply) {
      let i = -1;
      let pin: Pin | undefined;
      if (pinning) {
        pin = pins.get(request.client);
        if (pin && (sim.now >= pin.expiresAt || !host.usable(pin.target))) {
          if (sim.now < pin.expiresAt && counting()) sessionsLost++;
          pins.delete(request.client);
          pin = undefined;
        }
        if (pin) i = pin.target;
      }
      if (i < 0) i = pickFresh(request);
      if (i < 0) {
        host.noTarget(request);
        reply("error", "no-healthy-target");
        return;
      }
      if (pinning && !pin) {
        const life = pinLifeMs === null ? Infinity : spec.level === "connection" ? pinLifeMs * (0.9 + 0.2 * jitter.next()) : pinLifeMs;
        pins.set(request.client, { target: i, expiresAt: sim.now + life });
        if (counting()) sessions++;
      }
      if (hashing && spec.changes) owners.set(spec.strategy === "ip-hash" || request.key < 0 ? request.client : request.key, i);
      const target = i;
      const counted = request.counted;
      const origin = zoneOf.get(request.sourceId);
      const cross = origin !== undefined && targetZone[i] !== undefined && targetZone[i] !== origin;
      if (counted) {
        routed++;
        if (cross) crossed++;
      }
      const answer: Reply = (outcome, reason) => {
        if (outcome === "error") {
          if (counted) failedBy[target]++;
          if (pinning && reason === "crashed" && pins.get(request.client)?.target === target) {
            pins.delete(request.client);
            if (counting()) sessionsLost++;
          }
        }
        if (canary && counted) {
          const failed = outcome !== "ok" ? 1 : 0;
          if (isCanary[target]) {
            canaryRequests++;
            canaryFailed += failed;
            stepCanary[0]++;
            stepCanary[1] += failed;
          } else {
            stableRequests++;
            stableFailed += failed;
            stepStable[0]++;
            stepStable[1] += failed;
          }
        }
        reply(outcome, reason);
      };
      if (cross && crossZoneMs > 0) sim.schedule(crossZoneMs, () => host.forward(target, request, answer));
      else host.forward(target, request, answer);
    },
    metrics() {
      const out: Record<string, number | Record<string, number>> = { failedBy: Object.fromEntries(edges.map((e, i) => [e.to, failedBy[i]])) };
      if (pinning) {
        out.sessions = sessions;
        out.sessionsLost = sessionsLost;
      }
      if (spec.zones) {
        out.crossZone = crossed;
        out.crossZoneRatio = routed > 0 ? Math.round((crossed / routed) * 1e6) / 1e6 : 0;
      }
      if (canary) {
        out.canaryWeight = canaryWeight;
        out.rolledBack = rolledBack ? 1 : 0;
        out.canaryRequests = canaryRequests;
        out.canaryFailed = canaryFailed;
        out.stableRequests = stableRequests;
        out.stableFailed = stableFailed;
      }
      if (spec.changes) {
        out.changes = changesApplied;
        out.keysRemapped = keysRemapped;
        out.keysRemappedRatio = Math.round(keysRemappedRatio * 1e6) / 1e6;
      }
      return out;
    },
  };

  function inRotationSet(i: number, value: boolean) {
    if (host.inRotation[i] === value) return;
    host.inRotation[i] = value;
    changesApplied++;
    if (ctx.tracing) ctx.emit(value ? "balancer.target-added" : "balancer.target-removed", edges[i].to);
    remapCount();
  }
}
