/**
 * Model behind the 2PC / saga sequence view: the messages of one distributed transaction, in order,
 * with the state each participant is in after each message (a space-time diagram).
 *
 * - Two-phase commit: the coordinator sends prepare; each participant takes its locks, writes its
 *   vote durably and answers yes. With `crash: "after-votes"` the coordinator dies before sending the
 *   decision: every participant has voted yes, so none may decide alone, and each holds its locks
 *   "in doubt" until the coordinator recovers (the blocking case of 2PC).
 * - Saga (orchestrated): each step commits locally at once. With `crash: "step-3"` the third step
 *   fails, and the orchestrator runs the compensations of the completed steps in reverse order.
 */

export type Protocol = "2pc" | "saga";

export interface SequenceMessage {
  from: string;
  to: string;
  label: string;
  /** Failed or lost: drawn as a broken arrow. */
  lost?: boolean;
  /** Participant states after this message, by participant. */
  states: Record<string, string>;
  /** One sentence for the live description and the table. */
  note: string;
}

export interface SequenceTrace {
  /** "2pc", "saga", or another sequence drawn by the same view (the outbox's). */
  protocol: Protocol | "dual-write" | "outbox";
  participants: string[];
  crash: string | null;
  messages: SequenceMessage[];
}

const services = ["Orders", "Inventory", "Payments"];

function twoPhase(crash: boolean): SequenceTrace {
  const coordinator = "Coordinator";
  const states: Record<string, string> = { [coordinator]: "working", Orders: "idle", Inventory: "idle", Payments: "idle" };
  const messages: SequenceMessage[] = [];
  const send = (from: string, to: string, label: string, change: Record<string, string>, note: string, lost = false) => {
    Object.assign(states, change);
    messages.push({ from, to, label, lost, states: { ...states }, note });
  };
  for (const s of services) send(coordinator, s, "prepare", { [coordinator]: "preparing", [s]: "locks held" }, `The coordinator asks ${s} to prepare; ${s} takes its locks.`);
  for (const s of services) send(s, coordinator, "vote yes", { [s]: "prepared (locked)" }, `${s} writes its vote to disk and answers yes; from now on it may not decide alone.`);
  if (crash) {
    send(coordinator, coordinator, "crash", { [coordinator]: "down" }, "The coordinator crashes after collecting the votes and before sending the decision.", true);
    for (const s of services) send(s, coordinator, "decision?", { [s]: "in doubt (locked)" }, `${s} asks for the outcome and gets no answer: it keeps its locks, blocking every transaction that needs those rows.`, true);
    send(coordinator, coordinator, "recover", { [coordinator]: "recovering" }, "The coordinator restarts and reads its log: all voted yes, so the decision is commit.");
  }
  for (const s of services) send(coordinator, s, "commit", { [coordinator]: "committing", [s]: "committed" }, `The coordinator sends commit; ${s} makes the change visible and releases its locks.`);
  for (const s of services) send(s, coordinator, "ack", { [coordinator]: s === services[services.length - 1] ? "done" : "committing" }, `${s} acknowledges.`);
  return { protocol: "2pc", participants: [coordinator, ...services], crash: crash ? "after-votes" : null, messages };
}

function saga(crash: boolean): SequenceTrace {
  const orchestrator = "Orchestrator";
  const states: Record<string, string> = { [orchestrator]: "running", Orders: "idle", Inventory: "idle", Payments: "idle" };
  const messages: SequenceMessage[] = [];
  const send = (from: string, to: string, label: string, change: Record<string, string>, note: string, lost = false) => {
    Object.assign(states, change);
    messages.push({ from, to, label, lost, states: { ...states }, note });
  };
  const steps = [
    { s: "Orders", act: "create order", done: "order pending", undo: "cancel order", undone: "order cancelled" },
    { s: "Inventory", act: "reserve stock", done: "stock reserved", undo: "release stock", undone: "stock released" },
    { s: "Payments", act: "charge card", done: "charged", undo: "refund", undone: "refunded" },
  ];
  const completed: typeof steps = [];
  for (const [i, step] of steps.entries()) {
    send(orchestrator, step.s, step.act, {}, `Step ${i + 1}: the orchestrator asks ${step.s} to ${step.act}.`);
    if (crash && i === 2) {
      send(step.s, orchestrator, "declined", { [step.s]: "nothing to undo", [orchestrator]: "compensating" }, `${step.s} fails the step (card declined). Its local transaction rolled back, so there is nothing to undo there.`, true);
      break;
    }
    send(step.s, orchestrator, "done", { [step.s]: step.done }, `${step.s} commits locally at once (${step.done}); no locks stay held across services.`);
    completed.push(step);
  }
  if (crash) {
    for (const step of [...completed].reverse()) {
      send(orchestrator, step.s, step.undo, {}, `Compensation, newest first: the orchestrator asks ${step.s} to ${step.undo}.`);
      send(step.s, orchestrator, "done", { [step.s]: step.undone }, `${step.s} compensates (${step.undone}). Between the step and this, other readers could see the intermediate state.`);
    }
    states[orchestrator] = "compensated";
    messages[messages.length - 1].states = { ...states };
  } else {
    states[orchestrator] = "completed";
    messages[messages.length - 1].states = { ...states };
  }
  return { protocol: "saga", participants: [orchestrator, ...services], crash: crash ? "step-3" : null, messages };
}

/** The message sequence of `protocol`, with or without its failure (`crash`). */
export function sequenceTrace(protocol: Protocol, crash = true): SequenceTrace {
  return protocol === "2pc" ? twoPhase(crash) : saga(crash);
}
