/**
 * Durable workflow replay (the Temporal/Cadence model), small enough to step through by hand.
 *
 * One order workflow: reserve stock, charge the card, wait ten minutes when the order belongs to the
 * lunch wave (placed before 12:00), ship. The workflow code is a generator of commands; the server
 * keeps the event history. A worker runs the code from its first line; while the history still has
 * events, each command the code issues must match the next recorded one (replay), and an activity's
 * result is taken from its recorded completion instead of running it again. Past the end of the
 * history the worker is live: its commands are appended and activities really run.
 *
 * Kill the worker after any event and a second worker replays the history and carries on. With
 * `mode: "reads-clock"` the code reads the worker's own clock instead of the time recorded in the
 * history; the second worker starts minutes later, reads a time after 12:00, takes the other branch,
 * and replay stops with a non-determinism error at the first event its commands contradict.
 *
 * Simplifications, said in the widget: no workflow-task events, activities take one minute and run
 * atomically with the recording of their completion (a crash inside an activity is the chapter's
 * idempotency topic), the clock counts minutes. React-free and deterministic.
 */

export type ActivityName = "reserveStock" | "chargeCard" | "shipOrder";
export const ACTIVITIES: readonly ActivityName[] = ["reserveStock", "chargeCard", "shipOrder"];
export const ACTIVITY_RESULTS: Record<ActivityName, string> = {
  reserveStock: "reservation R-17",
  chargeCard: "charge CH-17 (€42.00)",
  shipOrder: "courier C-3 assigned",
};
export type CodeMode = "deterministic" | "reads-clock";

/** Minutes after midnight: the workflow starts at 11:55. */
export const START_MIN = 11 * 60 + 55;
/** The lunch-wave cutoff the code compares the order time with. */
export const CUTOFF_MIN = 12 * 60;
/** How long a replacement worker takes to pick the workflow up after a kill. */
export const RESTART_MIN = 5;
export const TIMER_MIN = 10;
const ACTIVITY_MIN = 1;

export type HistoryEvent =
  | { id: number; at: number; type: "WorkflowExecutionStarted"; input: string }
  | { id: number; at: number; type: "ActivityTaskScheduled"; activity: ActivityName }
  | { id: number; at: number; type: "ActivityTaskCompleted"; activity: ActivityName; result: string; scheduledId: number }
  | { id: number; at: number; type: "TimerStarted"; minutes: number }
  | { id: number; at: number; type: "TimerFired"; startedId: number }
  | { id: number; at: number; type: "WorkflowExecutionCompleted"; result: string };
type NewEvent = HistoryEvent extends infer E ? (E extends HistoryEvent ? Omit<E, "id" | "at"> : never) : never;

export type Command = { kind: "activity"; activity: ActivityName } | { kind: "timer"; minutes: number } | { kind: "complete"; result: string };

/** The workflow code's lines, as the widget shows them; `line` in a step indexes this. */
export function codeLines(mode: CodeMode): string[] {
  return [
    mode === "deterministic" ? "const placed = workflow.now(); // recorded" : "const placed = workerClock(); // this machine",
    "const lunchWave = placed < '12:00';",
    "await reserveStock(order);",
    "await chargeCard(order);",
    "if (lunchWave) await sleep('10 minutes');",
    "await shipOrder(order);",
    "return 'delivered';",
  ];
}
const LINE: Record<ActivityName | "timer" | "complete", number> = { reserveStock: 2, chargeCard: 3, timer: 4, shipOrder: 5, complete: 6 };
const lineOf = (c: Command) => LINE[c.kind === "activity" ? c.activity : c.kind];

/** The workflow code itself. `now` is whatever the code reads for the time. */
function* orderWorkflow(now: () => number): Generator<Command, string, string> {
  const placed = now();
  const lunchWave = placed < CUTOFF_MIN;
  yield { kind: "activity", activity: "reserveStock" };
  yield { kind: "activity", activity: "chargeCard" };
  if (lunchWave) yield { kind: "timer", minutes: TIMER_MIN };
  yield { kind: "activity", activity: "shipOrder" };
  return "delivered";
}

export interface WorkflowStep {
  /** The worker acting (1 until the kill, 2 after), or null for the server. */
  worker: 1 | 2 | null;
  phase: "start" | "live" | "kill" | "restart" | "replay" | "nde" | "done";
  caption: string;
  /** The code line the worker is at (codeLines), null when no code runs. */
  line: number | null;
  /** The history after this step. */
  history: HistoryEvent[];
  /** The event this step appended or matched, if any. */
  eventId: number | null;
  /** Events worker 2 has replayed so far (matched from the history, nothing executed). */
  replayed: number[];
  /** How many times each activity has really run (side effects). */
  executions: Record<ActivityName, number>;
  /** Minutes after midnight. */
  clock: number;
  /** Error details when replay stops on a non-determinism error. */
  nde?: { eventId: number; recorded: string; issued: string };
}

export interface WorkflowRun {
  steps: WorkflowStep[];
  /** How the run ended: completed, or stuck on a non-determinism error. */
  outcome: "completed" | "stuck";
  /** Whether a kill happened (killAfter within the run). */
  killed: boolean;
}

export const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

export function describeEvent(e: HistoryEvent): string {
  switch (e.type) {
    case "WorkflowExecutionStarted":
      return `WorkflowExecutionStarted (${e.input})`;
    case "ActivityTaskScheduled":
      return `ActivityTaskScheduled ${e.activity}`;
    case "ActivityTaskCompleted":
      return `ActivityTaskCompleted ${e.activity}: ${e.result}`;
    case "TimerStarted":
      return `TimerStarted ${e.minutes} min`;
    case "TimerFired":
      return `TimerFired (timer of event ${e.startedId})`;
    case "WorkflowExecutionCompleted":
      return `WorkflowExecutionCompleted: ${e.result}`;
  }
}

export function describeCommand(c: Command): string {
  if (c.kind === "activity") return `ScheduleActivity ${c.activity}`;
  if (c.kind === "timer") return `StartTimer ${c.minutes} min`;
  return "CompleteWorkflow";
}

/** Whether a command is the one a recorded event says was issued. */
function matches(c: Command, e: HistoryEvent): boolean {
  if (c.kind === "activity") return e.type === "ActivityTaskScheduled" && e.activity === c.activity;
  if (c.kind === "timer") return e.type === "TimerStarted" && e.minutes === c.minutes;
  return e.type === "WorkflowExecutionCompleted";
}

/**
 * The whole run, one step per event or replayed command. `killAfter` kills worker 1 right after the
 * history reaches that many events (null, 0 or past the end: no kill).
 */
export function simulate({ mode = "deterministic", killAfter = null }: { mode?: CodeMode; killAfter?: number | null } = {}): WorkflowRun {
  const history: HistoryEvent[] = [];
  const executions: Record<ActivityName, number> = { reserveStock: 0, chargeCard: 0, shipOrder: 0 };
  const steps: WorkflowStep[] = [];
  let clock = START_MIN;
  let worker: 1 | 2 = 1;
  let killed = false;
  const replayed: number[] = [];
  const push = (s: Pick<WorkflowStep, "phase" | "caption" | "line" | "eventId"> & Partial<WorkflowStep>, who: 1 | 2 | null = worker) =>
    steps.push({ worker: who, history: history.slice(), replayed: replayed.slice(), executions: { ...executions }, clock, ...s });
  const append = (e: NewEvent): HistoryEvent => {
    const ev = { ...e, id: history.length + 1, at: clock } as HistoryEvent;
    history.push(ev);
    return ev;
  };
  const killNow = () => worker === 1 && killAfter !== null && killAfter > 0 && history.length === killAfter;

  /** Runs one worker from the code's first line; returns how it stopped. */
  function runWorker(): "killed" | "done" | "nde" {
    const now = mode === "deterministic" ? () => history[0].at : () => clock;
    const gen = orderWorkflow(now);
    let cursor = 1;
    let r = gen.next();
    for (;;) {
      const cmd: Command = r.done ? { kind: "complete", result: r.value } : r.value;
      const line = lineOf(cmd);
      let issuedEvent: HistoryEvent;
      if (cursor < history.length) {
        const ev = history[cursor];
        if (!matches(cmd, ev)) {
          const nde = { eventId: ev.id, recorded: describeEvent(ev), issued: describeCommand(cmd) };
          push({ phase: "nde", line, eventId: ev.id, nde, caption: `Non-determinism error at event ${ev.id}: the code now issues ${nde.issued}, but event ${ev.id} records ${nde.recorded}. Worker 2 cannot tell which is true, so its workflow task fails and the workflow is stuck until the code is fixed or the run is reset.` });
          return "nde";
        }
        replayed.push(ev.id);
        cursor++;
        issuedEvent = ev;
        const result = history[cursor];
        if (result && (result.type === "ActivityTaskCompleted" || result.type === "TimerFired")) {
          replayed.push(result.id);
          cursor++;
          const what =
            result.type === "ActivityTaskCompleted"
              ? `${result.activity} is not run again: its result "${result.result}" comes from event ${result.id}`
              : `the timer is not waited again: event ${result.id} says it fired`;
          push({ phase: "replay", line, eventId: result.id, caption: `Replay: the code issues ${describeCommand(cmd)}, which matches event ${ev.id}; ${what}.` });
          r = gen.next(result.type === "ActivityTaskCompleted" ? result.result : "fired");
          continue;
        }
        const waiting = cmd.kind === "activity" ? "the activity task is still waiting in the task queue, so worker 2 runs it" : "the timer lives on the server, so worker 2 waits for it to fire";
        push({ phase: "replay", line, eventId: ev.id, caption: `Replay: the code issues ${describeCommand(cmd)}, which matches event ${ev.id}. The history ends there: ${waiting}.` });
      } else {
        const when = hhmm(clock);
        if (cmd.kind === "complete") {
          const ev = append({ type: "WorkflowExecutionCompleted", result: cmd.result });
          push({ phase: "done", line, eventId: ev.id, caption: `Worker ${worker} returns "${cmd.result}" and the server records event ${ev.id}, WorkflowExecutionCompleted, at ${when}. reserveStock ran ${executions.reserveStock}×, chargeCard ${executions.chargeCard}×, shipOrder ${executions.shipOrder}×.` });
          return "done";
        }
        issuedEvent = cmd.kind === "activity" ? append({ type: "ActivityTaskScheduled", activity: cmd.activity }) : append({ type: "TimerStarted", minutes: cmd.minutes });
        cursor = history.length;
        push({ phase: "live", line, eventId: issuedEvent.id, caption: `Worker ${worker} reaches line ${line + 1} and issues ${describeCommand(cmd)}; the server records event ${issuedEvent.id}, ${describeEvent(issuedEvent)}, at ${when}.` });
        if (killNow()) return "killed";
      }
      // The result, live.
      let result: string;
      if (cmd.kind === "activity") {
        clock += ACTIVITY_MIN;
        executions[cmd.activity]++;
        result = ACTIVITY_RESULTS[cmd.activity];
        const ev = append({ type: "ActivityTaskCompleted", activity: cmd.activity, result, scheduledId: issuedEvent.id });
        push({ phase: "live", line, eventId: ev.id, caption: `Worker ${worker} runs ${cmd.activity} for real (run number ${executions[cmd.activity]}); the server records event ${ev.id}, its result "${result}", at ${hhmm(clock)}.` });
      } else if (cmd.kind === "timer") {
        clock = Math.max(clock, issuedEvent.at + cmd.minutes);
        result = "fired";
        const ev = append({ type: "TimerFired", startedId: issuedEvent.id });
        push({ phase: "live", line, eventId: ev.id, caption: `The server fires the ${cmd.minutes}-minute timer at ${hhmm(clock)} and records event ${ev.id}, TimerFired; worker ${worker} carries on past the sleep.` });
      } else {
        throw new Error("unreachable");
      }
      cursor = history.length;
      if (killNow()) return "killed";
      r = gen.next(result);
    }
  }

  append({ type: "WorkflowExecutionStarted", input: "order 17, €42.00" });
  push({ phase: "start", line: 0, eventId: 1, caption: `The server records event 1, WorkflowExecutionStarted for order 17, at ${hhmm(clock)}. Worker 1 starts the code: it reads ${hhmm(clock)}, before 12:00, so this order is in the lunch wave.` });
  let how = killNow() ? "killed" : runWorker();
  if (how === "killed") {
    killed = true;
    push({ phase: "kill", line: null, eventId: null, caption: `Worker 1 is killed at ${hhmm(clock)}. Everything in its memory is gone (the variables, the line it was on); the ${history.length} events of the history are safe on the server.` }, 1);
    clock += RESTART_MIN;
    worker = 2;
    const reads = mode === "deterministic" ? `workflow.now() returns ${hhmm(history[0].at)}, the time recorded in the history` : `its own clock says ${hhmm(clock)}, after 12:00, so lunchWave is now false`;
    push({ phase: "restart", line: 0, eventId: null, caption: `At ${hhmm(clock)} worker 2 picks the workflow up and runs the code from line 1 against the ${history.length} recorded events: ${reads}.` });
    how = runWorker();
  }
  return { steps, outcome: how === "done" ? "completed" : "stuck", killed };
}

/** The number of events an uninterrupted run records (the kill points are 1 … this − 1). */
export function eventsWithoutKill(mode: CodeMode = "deterministic"): number {
  return simulate({ mode }).steps.at(-1)!.history.length;
}

/** A run's final state without times: the event sequence, results, executions and outcome. */
export function finalState(run: WorkflowRun): string {
  const last = run.steps.at(-1)!;
  const events = last.history.map((e) => describeEvent(e));
  return JSON.stringify({ outcome: run.outcome, events, executions: last.executions });
}
