/**
 * Load balancer: sends each request to exactly one of its outgoing edges.
 *
 * Strategies (what each optimises):
 * - `round-robin`: next target in turn. Fair when targets and requests are alike.
 * - `weighted-round-robin`: smooth weighted round robin (nginx's algorithm) on edge `weight`s.
 * - `random`: uniform choice; no state, but unlucky streaks pile work on one target.
 * - `least-connections`: fewest requests this balancer has outstanding at the target.
 * - `power-of-two-choices`: sample two targets, pick the one with fewer requests inside it (in
 *   service plus waiting). Almost as good as asking everyone, at the cost of two looks.
 * - `least-response-time`: lowest moving average of recent response times (ties: fewer outstanding).
 * - `ip-hash` / `key-hash`: hash of the client / request key modulo the healthy targets (sticky).
 * - `consistent-hash`: hash ring with virtual nodes on the request key (client when no key); adding
 *   or losing a target moves only about 1/n of the keys.
 * Optional active health checks probe each target every `intervalMs`; after `unhealthyThreshold`
 * failed probes a target is taken out of rotation, after `healthyThreshold` good ones it returns. Until
 * a crash is detected the balancer keeps sending to the dead target: that window is the error burst
 * learners see before rerouting.
 */
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import { loadBalancerSchema, type LoadBalancerSpec } from "./schema";
import { defineKind, onlyWhen } from "../../kernel/kind";
import type { EdgeRuntime, ModelContext, NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { createHashRing, hashInt } from "./hash-ring";
import { createExtensions } from "./extensions";
import { fastPaths } from "../fast-paths";

export { loadBalancerStrategies, loadBalancerSchema, type LoadBalancerStrategy, type LoadBalancerSpec } from "./schema";

/** Targets a staged `add` change brings in later start out of rotation (the first change per target counts). */
function initialRotation(spec: LoadBalancerSpec, edges: readonly EdgeRuntime[]): boolean[] {
  const inRotation = new Array<boolean>(edges.length).fill(true);
  for (const c of spec.changes ?? []) {
    const i = edges.findIndex((e) => e.to === c.target);
    if (i >= 0 && c === (spec.changes ?? []).find((d) => d.target === c.target) && c.action === "add") inRotation[i] = false;
  }
  return inRotation;
}

/** Smooth weighted round robin (nginx): each turn add the weights, take the largest, subtract the total from it. */
function smoothWeightedPick(weights: readonly number[], currentWeight: number[], usable: (i: number) => boolean): number {
  let total = 0;
  let best = -1;
  for (let i = 0; i < weights.length; i++) {
    if (!usable(i)) continue;
    currentWeight[i] += weights[i];
    total += weights[i];
    if (best < 0 || currentWeight[i] > currentWeight[best]) best = i;
  }
  if (best >= 0) currentWeight[best] -= total;
  return best;
}

/** What the balancer's health checks know of each target. */
interface TargetHealth {
  healthy: boolean[];
  probeFails: number[];
  probeOks: number[];
}

/**
 * One round of health checks: a target leaves rotation after `unhealthyThreshold` failed probes in a
 * row and returns after `healthyThreshold` good ones. Returns how many targets changed state.
 */
function probeTargets(ctx: ModelContext, check: NonNullable<LoadBalancerSpec["healthCheck"]>, h: TargetHealth): number {
  const edges = ctx.outgoing;
  let changes = 0;
  for (let i = 0; i < edges.length; i++) {
    const up = !ctx.isDown(edges[i].to) && !edges[i].partitioned;
    if (up) {
      h.probeFails[i] = 0;
      h.probeOks[i]++;
      if (!h.healthy[i] && h.probeOks[i] >= (check.healthyThreshold ?? 2)) {
        h.healthy[i] = true;
        changes++;
        if (ctx.tracing) ctx.emit("balancer.target-restored", edges[i].to);
      }
    } else {
      h.probeOks[i] = 0;
      h.probeFails[i]++;
      if (h.healthy[i] && h.probeFails[i] >= (check.unhealthyThreshold ?? 2)) {
        h.healthy[i] = false;
        changes++;
        if (ctx.tracing) ctx.emit("balancer.target-removed", edges[i].to);
      }
    }
  }
  return changes;
}

export const loadBalancerKind: NodeKind<LoadBalancerSpec> = {
  kind: "load-balancer",
  create(spec, ctx) {
    const { sim } = ctx;
    const edges = ctx.outgoing;
    const n = edges.length;
    const choice = ctx.random("choice");
    const outstanding = new Array<number>(n).fill(0);
    const sentTo = new Array<number>(n).fill(0);
    const healthy = new Array<boolean>(n).fill(true);
    const probeFails = new Array<number>(n).fill(0);
    const probeOks = new Array<number>(n).fill(0);
    const ewmaMs = new Array<number>(n).fill(0);
    const weights = edges.map((e) => e.weight);
    const currentWeight = new Array<number>(n).fill(0);
    const ring = spec.strategy === "consistent-hash" ? createHashRing(edges.map((e) => e.to), spec.virtualNodes ?? 100) : null;
    let cursor = 0;
    let noTarget = 0;
    let healthChanges = 0;
    // Extensions (extensions.ts): all off for a v1 balancer.
    const inRotation = initialRotation(spec, edges);
    /** Per-request allowed targets (zone, canary pool), or null for all. */
    let mask: boolean[] | null = null;
    const ext = fastPaths.forceGeneral || spec.affinity === "cookie" || spec.level === "connection" || spec.zones !== undefined || spec.canary !== undefined || spec.changes !== undefined;

    const usable = (i: number) => healthy[i] && inRotation[i] && !edges[i].partitioned && (mask === null || mask[i]);
    const healthyIndexes = () => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (usable(i)) out.push(i);
      return out;
    };
    const leastBy = (score: (i: number) => number) => {
      let best = -1;
      let bestScore = Infinity;
      // Start at a rotating offset so ties spread instead of always hitting the first target.
      for (let k = 0; k < n; k++) {
        const i = (cursor + k) % n;
        if (!usable(i)) continue;
        const s = score(i);
        if (s < bestScore) {
          bestScore = s;
          best = i;
        }
      }
      cursor = (cursor + 1) % n;
      return best;
    };

    const pick = (key: number, client: number): number => {
      switch (spec.strategy) {
        case "round-robin": {
          for (let k = 0; k < n; k++) {
            const i = cursor;
            cursor = (cursor + 1) % n;
            if (usable(i)) return i;
          }
          return -1;
        }
        case "weighted-round-robin":
          return smoothWeightedPick(weights, currentWeight, usable);
        case "random": {
          const h = healthyIndexes();
          return h.length ? h[choice.int(h.length)] : -1;
        }
        case "least-connections":
          return leastBy((i) => outstanding[i]);
        case "power-of-two-choices": {
          const h = healthyIndexes();
          if (h.length === 0) return -1;
          if (h.length === 1) return h[0];
          // Two distinct targets, uniformly.
          const ia = choice.int(h.length);
          let ib = choice.int(h.length - 1);
          if (ib >= ia) ib++;
          const a = h[ia];
          const b = h[ib];
          const la = ctx.peer(edges[a].to).load();
          const lb = ctx.peer(edges[b].to).load();
          return lb < la ? b : a;
        }
        case "least-response-time":
          return leastBy((i) => ewmaMs[i] * (outstanding[i] + 1));
        case "ip-hash":
        case "key-hash": {
          const h = healthyIndexes();
          if (h.length === 0) return -1;
          const basis = spec.strategy === "ip-hash" || key < 0 ? client : key;
          return h[hashInt(basis) % h.length];
        }
        case "consistent-hash":
          return ring!.lookup(key >= 0 ? key : client, usable);
      }
    };

    const health: TargetHealth = { healthy, probeFails, probeOks };
    const probe = () => {
      healthChanges += probeTargets(ctx, spec.healthCheck!, health);
      sim.schedule(spec.healthCheck!.intervalMs, probe, BACKGROUND_PRIORITY);
    };

    /** Sends request to target i, tracking outstanding requests and the response-time average. */
    const forward = (i: number, request: Request, reply: Reply) => {
      outstanding[i]++;
      if (request.counted) sentTo[i]++;
      const startMs = sim.now;
      ctx.send(edges[i], request, (outcome, reason) => {
        outstanding[i]--;
        const rtt = sim.now - startMs;
        ewmaMs[i] = ewmaMs[i] === 0 ? rtt : 0.8 * ewmaMs[i] + 0.2 * rtt;
        reply(outcome, reason);
      });
    };

    const extended = createExtensions({
      spec,
      ctx,
      n,
      usable,
      pick,
      inRotation,
      setMask: (m) => (mask = m),
      forward,
      noTarget: (request) => {
        if (request.counted) noTarget++;
      },
    });

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "load-balancer",
      start() {
        if (spec.healthCheck) sim.schedule(spec.healthCheck.intervalMs, probe, BACKGROUND_PRIORITY);
        if (ext) extended.start();
      },
      receive(request, reply) {
        if (ext) return extended.receive(request, reply);
        const i = pick(request.key, request.client);
        if (i < 0) {
          if (request.counted) noTarget++;
          reply("error", "no-healthy-target");
          return;
        }
        forward(i, request, reply);
      },
      load: () => outstanding.reduce((a, b) => a + b, 0),
      crash() {},
      recover() {},
      metrics: () => ({
        noHealthyTarget: noTarget,
        healthChanges,
        sentTo: Object.fromEntries(edges.map((e, i) => [e.to, sentTo[i]])),
        ...(ext ? extended.metrics() : {}),
      }),
      gauges: () => ({ healthyTargets: healthyIndexes().length, targets: n, strategy: spec.strategy }),
    };
    return node;
  },
};

const EXTENDED = "with affinity, connection-level balancing, zones, a canary or membership changes";

export const loadBalancerDefinition = defineKind({
  kind: "load-balancer",
  title: "Load balancer",
  summary: "Sends each request to one target by a strategy.",
  schema: loadBalancerSchema,
  model: loadBalancerKind,
  outgoing: { min: 1, max: 256 },
  acceptsIncoming: true,
  template: { strategy: "round-robin" },
  metrics: {
    noHealthyTarget: { title: "Requests with no healthy target", of: "requests" },
    healthChanges: { title: "Health changes seen" },
    sentTo: { title: "Requests sent to each target", keyed: true },
    ...onlyWhen(EXTENDED, { failedBy: { title: "Failures by target", keyed: true } }),
    ...onlyWhen("with cookie affinity or connection-level balancing", {
      sessions: { title: "Sessions" },
      sessionsLost: { title: "Sessions lost" },
    }),
    ...onlyWhen("with zones", {
      crossZone: { title: "Requests sent to another zone", of: "requests" },
      crossZoneRatio: { title: "Share sent to another zone", unit: "ratio" },
    }),
    ...onlyWhen("with a canary", {
      canaryWeight: { title: "Canary share of traffic", unit: "ratio" },
      rolledBack: { title: "Canary rolled back (1 = yes)" },
      canaryRequests: { title: "Requests sent to the canary", of: "requests" },
      canaryFailed: { title: "Failed canary requests", of: "requests" },
      stableRequests: { title: "Requests to the stable version", of: "requests" },
      stableFailed: { title: "Failed requests on the stable version", of: "requests" },
    }),
    ...onlyWhen("with membership changes", {
      changes: { title: "Routing changes" },
      keysRemapped: { title: "Keys moved to another server", of: "keys" },
      keysRemappedRatio: { title: "Share of keys moved", unit: "ratio" },
    }),
  },
  gauges: {
    healthyTargets: { title: "Targets in rotation", role: "busy" },
    targets: { title: "Targets", role: "capacity" },
    strategy: { title: "Strategy", role: "state" },
  },
  records: {
    "balancer.target-removed": { meaning: "a target was taken out of rotation (failed health checks, or removed)" },
    "balancer.target-restored": { meaning: "a target passed its health checks and is back in rotation" },
    "balancer.target-added": { meaning: "a target was added to the rotation" },
    "balancer.canary-step": { meaning: "the canary's share of traffic changed" },
    "balancer.canary-rolled-back": { meaning: "the canary failed more than the stable version and was rolled back" },
  },
});
