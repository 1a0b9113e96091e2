/**
 * Saga: a business transaction across services without a distributed lock, made of local
 * transactions (steps), each with a compensating action that semantically undoes it.
 *
 * A saga runs its steps in order. When a step fails, the steps already done are compensated in
 * reverse order (refund the payment, release the stock), so the system ends consistent without ever
 * holding locks across services. Compensations are calls too and can fail: each is retried with
 * exponential backoff up to `compensationRetries` times. When a compensation cannot succeed (its
 * step is marked `compensable: false`, e.g. an email already sent, or its retries ran out) the saga
 * is **left inconsistent**: the run says so with the metric `inconsistent` and the trace record
 * `saga.left-inconsistent`, because that is the case a human has to repair.
 *
 * Coordination:
 * - `orchestration`: a coordinator (this node) calls each service in turn over its edges and decides
 *   what happens next from the answer. One place knows the saga's state.
 * - `choreography`: no coordinator; each participant, after committing its local transaction,
 *   publishes an event that triggers the next participant (or, on failure, the compensation of the
 *   previous one). Each hop costs `eventDelayMs`. How the event leaves the participant matters:
 *   with `events: "outbox"` it is written to an outbox table in the same transaction and a relay
 *   publishes it every `relayIntervalMs` (a crash of the relay delays events, never loses them); with
 *   `events: "direct"` the participant commits and then publishes (a dual write), and a crash between
 *   the two (probability `publishCrashRate` per event, or a crash fault on this node while events
 *   wait `publishMs` to go out) loses the event: the saga stalls forever (`lostEvents`, `stalled`).
 *
 * Each step is a call along the edge to its `service` node, so any node can be a participant: a
 * server, or a resilience `client` in front of one for timeouts and retries. A step fails when the
 * call fails or, independently, with the step's `failureRate` (a business rule saying no).
 *
 * The caller's request is answered when the saga ends: ok when completed, an error with reason
 * `saga-compensated` or `saga-inconsistent` otherwise. A crash fault on an orchestrator pauses its
 * sagas (their state is in a durable log) and resumes them on recovery.
 *
 * Consistency invariant (tests): started = completed + compensated + inconsistent + running, and
 * inconsistent = 0 whenever every step is compensable and compensations eventually succeed.
 */
import { createSampler, type Sampler } from "../../engine/distributions";
import { LatencyHistogram } from "../../engine/stats";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, boolean, literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { EdgeRuntime, ModelContext, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import type { RandomStream } from "../../engine/random";
import { defineKind, type KindCheckContext } from "../../kernel/kind";
import { Fifo, round } from "../shared";

const ratio = (title: string) => number({ min: 0, max: 1, title, uiStep: 0.01, default: 0 });

export const sagaStepSchema = object(
  {
    name: kebabId("Step name"),
    service: kebabId("Service node (an outgoing edge's target)"),
    failureRate: ratio("Step failure probability"),
    compensable: boolean({ title: "Can be compensated", default: true }),
    compensationFailureRate: ratio("Compensation failure probability per attempt"),
  },
  { optional: ["service", "failureRate", "compensable", "compensationFailureRate"], name: "a saga step" },
);

export const sagaSchema = object(
  {
    id: kebabId(),
    kind: literal("saga"),
    coordination: oneOf(["orchestration", "choreography"] as const, { title: "Coordination", default: "orchestration" }),
    steps: array(sagaStepSchema, { minItems: 1, maxItems: 32, title: "Steps, in order" }),
    compensationRetries: number({ integer: true, min: 0, max: 1000, title: "Compensation retries", uiMin: 0, uiMax: 20, default: 5 }),
    compensationBackoffMs: number({ min: 0, max: 1e8, title: "First retry backoff (doubles)", unit: "ms", uiMin: 0, uiMax: 10_000, default: 100 }),
    eventDelayMs: distSchema,
    events: oneOf(["outbox", "direct"] as const, { title: "How participants publish events (choreography)", default: "outbox" }),
    relayIntervalMs: number({ above: 0, max: 1e8, title: "Outbox relay poll interval", unit: "ms", uiMin: 10, uiMax: 10_000, default: 100 }),
    publishMs: number({ min: 0, max: 1e8, title: "Commit-to-publish gap (direct events)", unit: "ms", uiMin: 0, uiMax: 1000, default: 2 }),
    publishCrashRate: ratio("Crash between commit and publish, per event"),
  },
  {
    optional: ["coordination", "compensationRetries", "compensationBackoffMs", "eventDelayMs", "events", "relayIntervalMs", "publishMs", "publishCrashRate"],
    name: "a saga node",
  },
);
export type SagaSpec = Infer<typeof sagaSchema>;

/**
 * Validation across the scenario: every step must reach its participant over an outgoing edge (the
 * edge to its `service`, or edge i when the step names none), so a typo is refused with the step's
 * field path instead of failing while the run is built.
 */
export function checkSaga(spec: SagaSpec, context: KindCheckContext): void {
  const targets = new Set(context.outgoing.map((e) => e.to));
  spec.steps.forEach((step, i) => {
    if (step.service !== undefined) {
      if (!targets.has(step.service)) {
        const known = context.nodes.has(step.service) ? `there is no edge from "${spec.id}" to it` : "no node has that id";
        context.issues.push({ path: `${context.path}.steps[${i}].service`, message: `${context.path}.steps[${i}].service "${step.service}" must be the target of one of "${spec.id}"'s outgoing edges: ${known}` });
      }
    } else if (i >= context.outgoing.length) {
      context.issues.push({ path: `${context.path}.steps[${i}]`, message: `${context.path}.steps[${i}] ("${step.name}") names no service, so it uses outgoing edge ${i}, but "${spec.id}" has only ${context.outgoing.length}` });
    }
  });
}

interface SagaRun {
  request: Request;
  reply: Reply;
  startedMs: number;
  /** Steps committed so far (0..n). */
  done: number;
  compensating: boolean;
  /** Some completed step could not be compensated. */
  broken: boolean;
  /** Waiting for the orchestrator to recover: the action to resume. */
  paused: (() => void) | null;
  counted: boolean;
}

interface OutboxEvent {
  saga: SagaRun;
  action: () => void;
}

/** How the saga's events travel between participants. */
interface EventOptions {
  choreography: boolean;
  outbox: boolean;
  relayMs: number;
  publishMs: number;
  publishCrashRate: number;
  eventDelay: Sampler;
  eventRandom: RandomStream;
}

/**
 * Events between participants (choreography): a committed step reaches the next participant through
 * an outbox relay that polls every `relayMs` (safe across crashes), or a dual write whose publish
 * follows the commit and can be lost in between. An orchestrator calls the next step directly.
 */
class SagaEvents {
  published = 0;
  lost = 0;
  /** Sagas that lost an event: nobody will ever move them on. */
  readonly stalled = new Set<SagaRun>();
  private readonly outboxRows = new Fifo<OutboxEvent>();
  private relayScheduled = false;
  private readonly inGap = new Set<OutboxEvent>();

  constructor(
    private readonly ctx: ModelContext,
    private readonly o: EventOptions,
  ) {}

  /** Events written to the outbox and not yet relayed. */
  get pending(): number {
    return this.outboxRows.length;
  }

  /** Runs `action` as the next participant's reaction to an event published now. */
  hop(saga: SagaRun, action: () => void, what: string): void {
    const { o, ctx } = this;
    if (!o.choreography) {
      action();
      return;
    }
    const ev: OutboxEvent = { saga, action };
    if (o.outbox) {
      this.outboxRows.push(ev);
      this.scheduleRelay();
      return;
    }
    // Dual write: the transaction is committed; the publish follows and can be lost in between.
    if (o.publishCrashRate > 0 && o.eventRandom.next() < o.publishCrashRate) {
      this.lose(ev, what);
      return;
    }
    this.inGap.add(ev);
    ctx.sim.schedule(o.publishMs, () => {
      if (!this.inGap.delete(ev)) return;
      this.deliver(ev);
    });
  }

  /** Participants died with events committed but not yet published: those events are gone. */
  crash(): void {
    for (const ev of [...this.inGap]) {
      this.inGap.delete(ev);
      this.lose(ev, "node crashed");
    }
  }

  /** The relay resumes: the outbox rows were safe in the database. */
  recover(): void {
    if (this.outboxRows.length > 0) this.scheduleRelay();
  }

  private deliver(ev: OutboxEvent): void {
    this.published++;
    this.ctx.sim.schedule(this.o.eventDelay(), ev.action);
  }

  private readonly relay = (): void => {
    this.relayScheduled = false;
    if (this.ctx.faults.crashed) return; // resumes on recovery; the outbox rows are safe in the database
    while (this.outboxRows.length > 0) this.deliver(this.outboxRows.shift()!);
  };

  private scheduleRelay(): void {
    const { sim, faults } = this.ctx;
    if (this.relayScheduled || faults.crashed) return;
    this.relayScheduled = true;
    // The relay polls on a fixed period: the next poll is at the next multiple of the interval.
    const next = Math.floor(sim.now / this.o.relayMs) * this.o.relayMs + this.o.relayMs;
    sim.scheduleAt(next, this.relay);
  }

  private lose(ev: OutboxEvent, what: string): void {
    this.lost++;
    this.stalled.add(ev.saga);
    if (this.ctx.tracing) this.ctx.emit("saga.event-lost", `${what}: crashed between commit and publish`, ev.saga.request.id);
  }
}

/** The edge each step calls: the one to its `service`, or else the step's own position among the edges. */
function stepEdges(spec: SagaSpec, outgoing: readonly EdgeRuntime[]): EdgeRuntime[] {
  return spec.steps.map((step, i) => {
    const edge = step.service ? outgoing.find((e) => e.to === step.service) : outgoing[i];
    if (!edge) throw new Error(`saga "${spec.id}": step ${i} ("${step.name}") needs an outgoing edge to ${step.service ? `"${step.service}"` : `a service (edge ${i})`}`);
    return edge;
  });
}

/** Saga counts for the report: those still running and those stalled count only measured sagas. */
function sagaOutcomes(running: Set<SagaRun>, stalled: Set<SagaRun>, totals: { started: number; completed: number; compensated: number; inconsistent: number }): NodeMetrics {
  let runningCounted = 0;
  let stalledCounted = 0;
  for (const s of running) if (s.counted) runningCounted++;
  for (const s of stalled) if (s.counted && running.has(s)) stalledCounted++;
  return { ...totals, running: runningCounted, stalled: stalledCounted };
}

export const sagaKind: NodeKind<SagaSpec> = {
  kind: "saga",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const steps = spec.steps;
    const choreography = spec.coordination === "choreography";
    const outbox = (spec.events ?? "outbox") === "outbox";
    const retries = spec.compensationRetries ?? 5;
    const backoffMs = spec.compensationBackoffMs ?? 100;
    const eventDelay: Sampler = spec.eventDelayMs ? createSampler(spec.eventDelayMs, ctx.random("events")) : () => 0;
    const stepRandom = ctx.random("steps");
    const compRandom = ctx.random("compensations");
    const eventRandom = ctx.random("publish-crashes");

    const edges = stepEdges(spec, ctx.outgoing);

    const running = new Set<SagaRun>();
    let started = 0;
    let completed = 0;
    let compensated = 0;
    let inconsistent = 0;
    let stepFailures = 0;
    let compensationAttempts = 0;
    let compensationFailures = 0;
    const duration = new LatencyHistogram();
    const compensationTime = new LatencyHistogram();

    const events = new SagaEvents(ctx, { choreography, outbox, relayMs: spec.relayIntervalMs ?? 100, publishMs: spec.publishMs ?? 2, publishCrashRate: spec.publishCrashRate ?? 0, eventDelay, eventRandom });
    const hop = (saga: SagaRun, action: () => void, what: string) => events.hop(saga, action, what);

    // --- the saga itself ---------------------------------------------------------------------

    /** Defers `action` while the orchestrator is down (its log survives; it resumes on recovery). */
    const whenUp = (saga: SagaRun, action: () => void) => {
      if (!choreography && faults.crashed) saga.paused = action;
      else action();
    };

    const runStep = (saga: SagaRun) => {
      const i = saga.done;
      if (i === steps.length) return finish(saga, "completed");
      const step = steps[i];
      const startMs = sim.now;
      ctx.send(edges[i], saga.request, (outcome) => {
        whenUp(saga, () => {
          const failed = outcome !== "ok" || ((step.failureRate ?? 0) > 0 && stepRandom.next() < (step.failureRate ?? 0));
          saga.request.spans?.push({ node: spec.id, kind: "step", startMs, endMs: sim.now, outcome: failed ? "error" : "ok", detail: step.name });
          if (failed) {
            if (saga.counted) stepFailures++;
            if (ctx.tracing) ctx.emit("saga.step-failed", step.name, saga.request.id);
            saga.compensating = true;
            hop(saga, () => compensateNext(saga), `${step.name} failed`);
            return;
          }
          saga.done++;
          hop(saga, () => runStep(saga), `${step.name} done`);
        });
      });
    };

    const compensateNext = (saga: SagaRun) => {
      if (saga.done === 0) return finish(saga, saga.broken ? "inconsistent" : "compensated");
      const j = saga.done - 1;
      const step = steps[j];
      if (step.compensable === false) {
        saga.broken = true;
        if (ctx.tracing) ctx.emit("saga.compensation-impossible", `${step.name} cannot be undone`, saga.request.id);
        saga.done--;
        compensateNext(saga);
        return;
      }
      attemptCompensation(saga, j, 0);
    };

    const attemptCompensation = (saga: SagaRun, j: number, attempt: number) => {
      const step = steps[j];
      const startMs = sim.now;
      if (saga.counted) compensationAttempts++;
      ctx.send(edges[j], saga.request, (outcome) => {
        whenUp(saga, () => {
          const rate = step.compensationFailureRate ?? 0;
          const failed = outcome !== "ok" || (rate > 0 && compRandom.next() < rate);
          saga.request.spans?.push({ node: spec.id, kind: "compensation", startMs, endMs: sim.now, outcome: failed ? "error" : "ok", detail: `${step.name} attempt ${attempt + 1}` });
          if (!failed) {
            saga.done--;
            hop(saga, () => compensateNext(saga), `${step.name} compensated`);
            return;
          }
          if (saga.counted) compensationFailures++;
          if (attempt < retries) {
            if (ctx.tracing) ctx.emit("saga.compensation-failed", `${step.name} attempt ${attempt + 1}, retrying`, saga.request.id);
            sim.schedule(backoffMs * 2 ** attempt, () => whenUp(saga, () => attemptCompensation(saga, j, attempt + 1)));
            return;
          }
          if (ctx.tracing) ctx.emit("saga.compensation-failed", `${step.name}: ${retries} retries exhausted`, saga.request.id);
          saga.broken = true;
          saga.done--;
          compensateNext(saga);
        });
      });
    };

    const finish = (saga: SagaRun, how: "completed" | "compensated" | "inconsistent") => {
      running.delete(saga);
      if (saga.counted) {
        if (how === "completed") completed++;
        else if (how === "compensated") compensated++;
        else inconsistent++;
        if (how !== "inconsistent") (how === "completed" ? duration : compensationTime).record(sim.now - saga.startedMs);
      }
      if (ctx.tracing && how !== "completed") ctx.emit(how === "inconsistent" ? "saga.left-inconsistent" : "saga.compensated", how === "inconsistent" ? "a completed step could not be compensated" : undefined, saga.request.id);
      if (how === "completed") saga.reply("ok");
      else saga.reply("error", how === "compensated" ? "saga-compensated" : "saga-inconsistent");
    };

    const node: SimNode = {
      id: spec.id,
      kind: "saga",
      receive(request, reply) {
        const saga: SagaRun = { request, reply, startedMs: sim.now, done: 0, compensating: false, broken: false, paused: null, counted: request.counted };
        running.add(saga);
        if (request.counted) started++;
        runStep(saga);
      },
      load: () => running.size,
      crash() {
        if (!choreography || outbox) return;
        events.crash();
      },
      recover() {
        if (choreography) {
          events.recover();
          return;
        }
        for (const saga of running) {
          const action = saga.paused;
          if (action) {
            saga.paused = null;
            action();
          }
        }
      },
      metrics: () => ({
        ...sagaOutcomes(running, events.stalled, { started, completed, compensated, inconsistent }),
        stepFailures,
        compensationAttempts,
        compensationFailures,
        lostEvents: events.lost,
        eventsPublished: events.published,
        outboxPending: events.pending,
        durationMs: { mean: round(duration.mean, 3), p50: round(duration.quantile(0.5), 3), p99: round(duration.quantile(0.99), 3) },
        compensationMs: { mean: round(compensationTime.mean, 3), p50: round(compensationTime.quantile(0.5), 3), p99: round(compensationTime.quantile(0.99), 3) },
      }),
      gauges: () => ({
        running: running.size,
        compensating: [...running].filter((s) => s.compensating).length,
        inconsistent,
        outboxPending: events.pending,
        lostEvents: events.lost,
        crashed: faults.crashed,
      }),
    };
    return node;
  },
};

export const sagaDefinition = defineKind({
  kind: "saga",
  title: "Saga",
  summary: "Runs steps across services in order; on a failure, compensates the done steps in reverse.",
  schema: sagaSchema,
  model: sagaKind,
  outgoing: { min: 1, max: 32 },
  acceptsIncoming: true,
  check: checkSaga,
  template: { coordination: "orchestration", steps: [{ name: "reserve-stock" }, { name: "charge-card", failureRate: 0.1 }] },
  metrics: {
    started: { title: "Sagas started", of: "sagas" },
    completed: { title: "Completed", of: "sagas" },
    compensated: { title: "Sagas compensated", of: "sagas" },
    inconsistent: { title: "Sagas left inconsistent", of: "sagas" },
    running: { title: "Sagas still running", of: "sagas" },
    stalled: { title: "Sagas stalled", of: "sagas" },
    stepFailures: { title: "Saga steps that failed", of: "steps" },
    compensationAttempts: { title: "Compensation attempts" },
    compensationFailures: { title: "Compensations that failed" },
    lostEvents: { title: "Events lost", of: "events" },
    eventsPublished: { title: "Events published", of: "events" },
    outboxPending: { title: "Events waiting in the outbox", of: "events" },
    durationMs: { title: "Saga duration (mean, p50, p99)", unit: "ms", keyed: true },
    compensationMs: { title: "Compensation time (mean, p50, p99)", unit: "ms", keyed: true },
  },
  gauges: {
    running: { title: "Sagas running", role: "busy" },
    compensating: { title: "Sagas compensating", role: "other" },
    inconsistent: { title: "Sagas left inconsistent", role: "other" },
    outboxPending: { title: "Events waiting in the outbox", role: "queue" },
    lostEvents: { title: "Events lost", role: "other" },
  },
  records: {
    "saga.step-failed": { meaning: "a step failed: the saga starts compensating the steps already done" },
    "saga.compensated": { meaning: "every done step was undone: the saga ended cleanly" },
    "saga.compensation-failed": { meaning: "a compensation attempt failed; it will be retried with backoff" },
    "saga.compensation-impossible": { meaning: "a done step cannot be compensated" },
    "saga.left-inconsistent": { meaning: "compensation gave up: the saga's steps disagree" },
    "saga.event-lost": { meaning: "a participant committed but its event was never published (direct events)" },
  },
});
