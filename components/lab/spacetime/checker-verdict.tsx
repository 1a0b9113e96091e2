"use client";
/**
 * The history checker's verdict on the run so far: linearizable, not linearizable (with the longest
 * linearizable prefix and the operation that cannot be placed, which "Show on the diagram" brings into
 * view), or undecided when the bounded search gave up.
 */
import type { Operation } from "@/simulations";
import type { CheckSummary } from "@/lib/spacetime/types";
import { describeOp } from "@/lib/spacetime/describe";

export function CheckerVerdict({ check, ops, onShow }: { check: CheckSummary | null; ops: Map<number, Operation>; onShow: (op: Operation) => void }) {
  if (!check) return null;
  const blocked = check.blockedBy !== undefined ? ops.get(check.blockedBy) : undefined;
  const tail = (check.prefix ?? []).slice(-3).map((id) => ops.get(id)).filter((o): o is Operation => o !== undefined);
  return (
    <div className="space-y-1 text-sm" data-testid="checker-verdict" data-verdict={check.verdict} aria-live="polite">
      {check.verdict === "linearizable" && (
        <p>
          <strong className="text-ok">✓ Linearizable so far.</strong> <span className="text-muted">Every one of the {check.operations.toLocaleString("en-US")} operations checked can take effect at one instant between its call and its answer.</span>
        </p>
      )}
      {check.verdict === "undecided" && (
        <p>
          <strong className="text-warn">? Undecided.</strong>{" "}
          <span className="text-muted">
            The search stopped at its bound ({check.states.toLocaleString("en-US")} states) on key{(check.undecidedKeys ?? []).length > 1 ? "s" : ""} {(check.undecidedKeys ?? []).join(", ")} without a verdict; no violation was found on the others.
          </span>
        </p>
      )}
      {check.verdict === "not-linearizable" && (
        <>
          <p>
            <strong className="text-warn">✗ Not linearizable.</strong>{" "}
            <span>
              On key {String(check.key)}, the longest order that explains the history holds {check.prefixLength ?? 0} operation{check.prefixLength === 1 ? "" : "s"}; after it, {blocked ? <strong data-testid="checker-blocked">{describeOp(blocked)}</strong> : `operation #${check.blockedBy}`} cannot be placed: it has to take effect before its answer, and no order allows it.
            </span>
          </p>
          {tail.length > 0 && (
            <p className="text-xs text-muted">
              Last of that order: {tail.map((o) => describeOp(o)).join("; ")}.
            </p>
          )}
          {blocked && (
            <button type="button" className="rounded-md border border-warn px-2 py-0.5 text-sm font-medium text-warn hover:bg-warn-soft" onClick={() => onShow(blocked)} data-testid="checker-show">
              Show on the diagram
            </button>
          )}
        </>
      )}
    </div>
  );
}
