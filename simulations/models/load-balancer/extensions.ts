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
import type { RandomStream } from "../../engine/random";
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
  return new BalancerExtensions(host);
}

/** One balancer's extension state (pins, zones, canary, membership changes) and the routing over it. */
class BalancerExtensions {
  private readonly spec: LoadBalancerSpec;
  private readonly ctx: ModelContext;
  private readonly n: number;
  private readonly sim: ModelContext["sim"];
  private readonly edges: ModelContext["outgoing"];

  // Pinning: sticky sessions and long-lived connections share one mechanism.
  private readonly pinning: boolean;
  private readonly pinLifeMs: number | null;
  private readonly jitter: RandomStream;
  private readonly pins = new Map<number, Pin>();
  private sessions = 0;
  private sessionsLost = 0;

  // Zones.
  private readonly zoneOf = new Map<string, string>();
  private readonly targetZone: (string | undefined)[];
  private readonly zoneMode: NonNullable<LoadBalancerSpec["zoneMode"]>;
  private readonly crossZoneMs: number;
  private readonly zoneMasks = new Map<string, boolean[]>();
  private workers: number[] | null = null;
  private crossed = 0;
  private routed = 0;

  // Canary.
  private readonly canary: LoadBalancerSpec["canary"];
  private readonly isCanary: boolean[];
  private readonly canaryMask: boolean[];
  private readonly stableMask: boolean[];
  private readonly split: RandomStream;
  private canaryWeight: number;
  private rolledBack = false;
  private canaryRequests = 0;
  private canaryFailed = 0;
  private stableRequests = 0;
  private stableFailed = 0;
  private stepCanary = [0, 0];
  private stepStable = [0, 0];

  // Membership changes.
  private readonly hashing: boolean;
  private readonly owners = new Map<number, number>();
  private keysRemapped = 0;
  private keysRemappedRatio = 0;
  private changesApplied = 0;
  private readonly failedBy: number[];

  constructor(private readonly host: ExtensionHost) {
    const { spec, ctx, n } = host;
    this.spec = spec;
    this.ctx = ctx;
    this.n = n;
    this.sim = ctx.sim;
    this.edges = ctx.outgoing;
    const edges = this.edges;

    this.pinning = spec.affinity === "cookie" || spec.level === "connection";
    this.pinLifeMs = spec.level === "connection" ? spec.maxConnectionAgeMs ?? null : spec.sessionMs ?? null;
    // Streams are created in this order; keep it.
    this.jitter = ctx.random("connection-age");

    for (const z of spec.zones ?? []) for (const id of z.nodes) this.zoneOf.set(id, z.zone);
    const targetZone = edges.map((e) => this.zoneOf.get(e.to));
    this.targetZone = targetZone;
    this.zoneMode = spec.zoneMode ?? "cross-zone";
    this.crossZoneMs = spec.crossZoneMs ?? 1;
    for (const z of new Set(this.zoneOf.values())) this.zoneMasks.set(z, targetZone.map((t) => t === z));

    const canary = spec.canary;
    this.canary = canary;
    this.isCanary = edges.map((e) => canary?.targets.includes(e.to) ?? false);
    this.canaryMask = this.isCanary;
    this.stableMask = this.isCanary.map((c) => !c);
    this.split = ctx.random("canary-split");
    this.canaryWeight = canary?.weight ?? 0;

    this.hashing = spec.strategy === "consistent-hash" || spec.strategy === "key-hash" || spec.strategy === "ip-hash";
    this.failedBy = new Array<number>(n).fill(0);
  }

  private counting(): boolean {
    return this.sim.now >= this.ctx.warmupMs;
  }

  private choose(request: Request, mask: boolean[] | null): number {
    this.host.setMask(mask);
    const i = this.host.pick(request.key, request.client);
    this.host.setMask(null);
    return i;
  }

  private saturated(i: number): boolean {
    const { ctx, edges } = this;
    if (!this.workers) this.workers = edges.map((e) => {
      const w = ctx.peer(e.to).gauges().workers;
      return typeof w === "number" && w > 0 ? w : 1;
    });
    return ctx.peer(edges[i].to).load() >= this.workers[i];
  }

  /** A target for a request without a live pin: canary pool first, then the zone rule. */
  private pickFresh(request: Request): number {
    const { host, canary, zoneMode } = this;
    let poolMask: boolean[] | null = null;
    if (canary) poolMask = this.canaryWeight > 0 && this.split.next() < this.canaryWeight ? this.canaryMask : this.stableMask;
    const origin = this.zoneOf.get(request.sourceId);
    if (origin === undefined || zoneMode === "cross-zone") return this.choose(request, poolMask);
    const local = and(poolMask, this.zoneMasks.get(origin) ?? null);
    if (zoneMode === "local") return this.choose(request, local);
    // zone-aware: local while some usable local target has room, else spill to every zone.
    let room = false;
    for (let i = 0; i < this.n; i++) {
      if (local && !local[i]) continue;
      host.setMask(local);
      const ok = host.usable(i);
      host.setMask(null);
      if (ok && !this.saturated(i)) {
        room = true;
        break;
      }
    }
    return this.choose(request, room ? local : poolMask);
  }

  private remapCount(): void {
    if (!this.hashing || this.owners.size === 0) return;
    let moved = 0;
    for (const [basis, owner] of this.owners) {
      const now = this.host.pick(this.spec.strategy === "ip-hash" ? -1 : basis, basis);
      if (now !== owner) moved++;
      this.owners.set(basis, now);
    }
    this.keysRemapped += moved;
    this.keysRemappedRatio = moved / this.owners.size;
  }

  private judgeCanary(): void {
    const { canary, ctx } = this;
    if (!canary || this.rolledBack || !canary.autoRollback) return;
    const [cReq, cFail] = this.stepCanary;
    const [sReq, sFail] = this.stepStable;
    const margin = canary.rollbackMargin ?? 0.01;
    if (cReq >= (canary.minRequests ?? 20) && cFail / cReq - (sReq > 0 ? sFail / sReq : 0) > margin) {
      this.rolledBack = true;
      this.canaryWeight = 0;
      if (ctx.tracing) ctx.emit("balancer.canary-rolled-back", `canary error rate ${(cFail / cReq).toFixed(4)}`);
    }
  }

  start(): void {
    const { sim, ctx, edges } = this;
    for (const c of this.spec.changes ?? []) {
      const i = edges.findIndex((e) => e.to === c.target);
      if (i < 0) continue;
      sim.scheduleAt(Math.max(c.atMs, sim.now), () => {
        this.inRotationSet(i, c.action === "add");
      }, 999);
    }
    for (const step of this.canary?.steps ?? []) {
      sim.scheduleAt(Math.max(step.atMs, sim.now), () => {
        this.judgeCanary();
        this.stepCanary = [0, 0];
        this.stepStable = [0, 0];
        if (!this.rolledBack) this.canaryWeight = step.weight;
        if (ctx.tracing) ctx.emit("balancer.canary-step", `weight ${this.canaryWeight}`);
      }, 999);
    }
  }

  receive(request: Request, reply: Reply): void {
    const { sim, spec, pinning } = this;
    let i = -1;
    let pin: Pin | undefined;
    if (pinning) {
      pin = this.pins.get(request.client);
      if (pin && (sim.now >= pin.expiresAt || !this.host.usable(pin.target))) {
        if (sim.now < pin.expiresAt && this.counting()) this.sessionsLost++;
        this.pins.delete(request.client);
        pin = undefined;
      }
      if (pin) i = pin.target;
    }
    if (i < 0) i = this.pickFresh(request);
    if (i < 0) {
      this.host.noTarget(request);
      reply("error", "no-healthy-target");
      return;
    }
    if (pinning && !pin) {
      const pinLifeMs = this.pinLifeMs;
      const life = pinLifeMs === null ? Infinity : spec.level === "connection" ? pinLifeMs * (0.9 + 0.2 * this.jitter.next()) : pinLifeMs;
      this.pins.set(request.client, { target: i, expiresAt: sim.now + life });
      if (this.counting()) this.sessions++;
    }
    if (this.hashing && spec.changes) this.owners.set(spec.strategy === "ip-hash" || request.key < 0 ? request.client : request.key, i);
    const target = i;
    const origin = this.zoneOf.get(request.sourceId);
    const cross = origin !== undefined && this.targetZone[i] !== undefined && this.targetZone[i] !== origin;
    if (request.counted) {
      this.routed++;
      if (cross) this.crossed++;
    }
    const answer = this.answerFor(request, target, reply);
    if (cross && this.crossZoneMs > 0) sim.schedule(this.crossZoneMs, () => this.host.forward(target, request, answer));
    else this.host.forward(target, request, answer);
  }

  /** The reply the target gets: counts failures, drops a pin on "crashed", tallies the canary. */
  private answerFor(request: Request, target: number, reply: Reply): Reply {
    const counted = request.counted;
    return (outcome, reason) => {
      if (outcome === "error") {
        if (counted) this.failedBy[target]++;
        if (this.pinning && reason === "crashed" && this.pins.get(request.client)?.target === target) {
          this.pins.delete(request.client);
          if (this.counting()) this.sessionsLost++;
        }
      }
      if (this.canary && counted) {
        const failed = outcome !== "ok" ? 1 : 0;
        if (this.isCanary[target]) {
          this.canaryRequests++;
          this.canaryFailed += failed;
          this.stepCanary[0]++;
          this.stepCanary[1] += failed;
        } else {
          this.stableRequests++;
          this.stableFailed += failed;
          this.stepStable[0]++;
          this.stepStable[1] += failed;
        }
      }
      reply(outcome, reason);
    };
  }

  metrics(): Record<string, number | Record<string, number>> {
    const { spec, failedBy } = this;
    const out: Record<string, number | Record<string, number>> = { failedBy: Object.fromEntries(this.edges.map((e, i) => [e.to, failedBy[i]])) };
    if (this.pinning) {
      out.sessions = this.sessions;
      out.sessionsLost = this.sessionsLost;
    }
    if (spec.zones) {
      out.crossZone = this.crossed;
      out.crossZoneRatio = this.routed > 0 ? Math.round((this.crossed / this.routed) * 1e6) / 1e6 : 0;
    }
    if (this.canary) {
      out.canaryWeight = this.canaryWeight;
      out.rolledBack = this.rolledBack ? 1 : 0;
      out.canaryRequests = this.canaryRequests;
      out.canaryFailed = this.canaryFailed;
      out.stableRequests = this.stableRequests;
      out.stableFailed = this.stableFailed;
    }
    if (spec.changes) {
      out.changes = this.changesApplied;
      out.keysRemapped = this.keysRemapped;
      out.keysRemappedRatio = Math.round(this.keysRemappedRatio * 1e6) / 1e6;
    }
    return out;
  }

  private inRotationSet(i: number, value: boolean): void {
    const { host, ctx } = this;
    if (host.inRotation[i] === value) return;
    host.inRotation[i] = value;
    this.changesApplied++;
    if (ctx.tracing) ctx.emit(value ? "balancer.target-added" : "balancer.target-removed", this.edges[i].to);
    this.remapCount();
  }
}

function and(a: boolean[] | null, b: boolean[] | null): boolean[] | null {
  return a && b ? a.map((x, i) => x && b[i]) : a ?? b;
}
