/**
 * Service calls: a server that calls its dependencies while it handles a request, as most services
 * do (an API that reads a database and a cache before answering).
 *
 * With `calls`, a server first does its own work (`serviceMs`), then calls the nodes at the end of
 * its outgoing edges and answers when the calls are done, HOLDING ITS WORKER the whole time, as a
 * thread-per-request server does. A slow dependency therefore ties up the caller's workers (Little's
 * law: busy workers = arrival rate × (service + call time)) and can exhaust its pool: the
 * cascading failure of the failure-modes chapter. Without `calls` a server keeps the v1 pipeline
 * behaviour (forward after service and free the worker at once).
 *
 * - `mode: "sequential"` (default): one call after the other, in edge order; the first failure
 *   answers.
 * - `mode: "parallel"`: fan out to all at once; answer ok as soon as `quorum` calls succeeded
 *   (default: all of them) and fail as soon as the quorum can no longer be reached. Calls still
 *   running when the answer is decided are ignored (their callees keep working).
 *
 * The edge field `callFraction` (0..1, default 1) makes a call only for that share of requests (say,
 * 20% of page views are checkouts that call payments), drawn from the server's `calls` stream.
 * Timeouts, retries and breakers for a call are caller-side policies on the edge (or a `client`
 * node on the path), so a timeout frees the held worker.
 */
import { nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { EdgeRuntime, ModelContext, Outcome, Reason, Request } from "../../kernel/model";

export const callsSchema = object(
  {
    mode: oneOf(["sequential", "parallel"] as const, { title: "Call mode", default: "sequential" }),
    quorum: nullable(number({ integer: true, above: 0, max: 256, title: "Successes needed (parallel)", description: "null: all calls" })),
  },
  { optional: ["mode", "quorum"], name: "calls" },
);
export type CallsSpec = Infer<typeof callsSchema>;

export type CallsDone = (outcome: Outcome, reason?: Reason) => void;

/** Runs the calls of one request; `isVoid` tells a crashed job apart so its late answers are ignored. */
export type CallRunner = (request: Request, isVoid: () => boolean, done: CallsDone) => void;

export function createCallRunner(spec: CallsSpec, ctx: ModelContext): CallRunner {
  const edges: readonly EdgeRuntime[] = ctx.outgoing;
  const fractions = edges.map((e) => (typeof e.spec.callFraction === "number" ? e.spec.callFraction : 1));
  const sampled = fractions.some((f) => f < 1);
  const random = sampled ? ctx.random("calls") : null;
  const parallel = spec.mode === "parallel";

  const select = (): readonly EdgeRuntime[] => {
    if (!random) return edges;
    const out: EdgeRuntime[] = [];
    for (let i = 0; i < edges.length; i++) if (fractions[i] >= 1 || random.next() < fractions[i]) out.push(edges[i]);
    return out;
  };

  return (request, isVoid, done) => {
    const targets = select();
    const n = targets.length;
    if (n === 0) {
      done("ok");
      return;
    }
    if (!parallel) {
      const next = (i: number) => {
        ctx.send(targets[i], request, (outcome, reason) => {
          if (isVoid()) return;
          if (outcome !== "ok") done(outcome, reason);
          else if (i === n - 1) done("ok");
          else next(i + 1);
        });
      };
      next(0);
      return;
    }
    const quorum = Math.min(spec.quorum ?? n, n);
    let oks = 0;
    let fails = 0;
    let decided = false;
    for (const edge of targets) {
      ctx.send(edge, request, (outcome, reason) => {
        if (decided || isVoid()) return;
        if (outcome === "ok") {
          if (++oks >= quorum) {
            decided = true;
            done("ok");
          }
        } else if (++fails > n - quorum) {
          decided = true;
          done(outcome, reason);
        }
      });
    }
  };
}
