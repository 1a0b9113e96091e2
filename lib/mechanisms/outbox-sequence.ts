/**
 * Model behind the outbox sequence view: one order change on its way from the service to billing,
 * message by message, with each participant's state after each message.
 *
 * - Dual write: the service commits, then publishes. With the failure on, it crashes between the two:
 *   the database has the change, the broker never gets the event, billing never hears of it.
 * - Transactional outbox: the change and its outbox row commit together; the service crashing right
 *   after changes nothing, because the relay finds the row. With the failure on, the relay crashes
 *   after publishing and before marking the row, so it publishes the event again; billing, which
 *   remembers event ids, applies it once.
 * Same shape as the saga sequence (lib/mechanisms/saga-sequence.ts), so the same view draws it.
 */
import type { SequenceMessage, SequenceTrace } from "./saga-sequence";

export type OutboxMode = "dual-write" | "outbox";

/** The message sequence of one change under `mode`, with or without the crash. */
export function outboxSequence(mode: OutboxMode, crash = true): SequenceTrace {
  const participants = mode === "outbox" ? ["Service", "Database", "Relay", "Broker", "Billing"] : ["Service", "Database", "Broker", "Billing"];
  const states: Record<string, string> = Object.fromEntries(participants.map((p) => [p, "idle"]));
  states.Service = "handling";
  const messages: SequenceMessage[] = [];
  const send = (from: string, to: string, label: string, change: Record<string, string>, note: string, lost = false) => {
    Object.assign(states, change);
    messages.push({ from, to, label, lost, states: { ...states }, note });
  };
  if (mode === "dual-write") {
    send("Service", "Database", "update order", { Database: "changing" }, "The service updates order 17 inside a transaction.");
    send("Database", "Service", "committed", { Database: "committed" }, "The database commits: the change is durable, and the client is told it worked.");
    if (crash) {
      send("Service", "Service", "crash", { Service: "down" }, "The process dies before it publishes. Nothing anywhere remembers that an event was owed.", true);
      send("Service", "Service", "restart", { Service: "handling", Broker: "no event", Billing: "never hears" }, "It restarts clean. The database and billing now disagree about order 17, and nothing will ever report it.");
      return { protocol: "dual-write", participants, crash: "between commit and publish", messages };
    }
    send("Service", "Broker", "publish e1", { Broker: "holds e1" }, "The service publishes OrderChanged e1, a second write to a second system.");
    send("Broker", "Service", "ack", { Service: "done" }, "The broker acknowledges. Both writes happened, this time.");
    send("Broker", "Billing", "e1", { Billing: "applied e1" }, "Billing receives e1 and applies it.");
    return { protocol: "dual-write", participants, crash: null, messages };
  }
  send("Service", "Database", "update + outbox row", { Database: "changing" }, "The service updates order 17 and inserts event e1 into the outbox table, in the same transaction.");
  send("Database", "Service", "committed", { Database: "committed (e1 unsent)" }, "One commit makes both durable: the change exists if and only if its event row does.");
  if (crash) send("Service", "Service", "crash", { Service: "down" }, "The service may die now: the event is not in its memory but in the table.", true);
  send("Relay", "Database", "poll unsent", { Relay: "polling" }, "The relay, a separate process, asks for unsent outbox rows.");
  send("Database", "Relay", "e1", { Relay: "publishing" }, "It gets e1.");
  send("Relay", "Broker", "publish e1", { Broker: "holds e1" }, "The relay publishes e1 and the broker stores it.");
  if (crash) {
    send("Relay", "Relay", "crash", { Relay: "down" }, "The relay dies after publishing and before marking e1 as sent. The row still says unsent.", true);
    send("Relay", "Database", "poll unsent", { Relay: "polling" }, "Restarted, the relay polls again and finds e1, still unsent.");
    send("Relay", "Broker", "publish e1 again", { Broker: "holds e1, e1" }, "It publishes e1 a second time: a duplicate, never a loss.");
  }
  send("Relay", "Database", "mark e1 sent", { Database: "committed (e1 sent)", Relay: "idle" }, "The relay marks the row sent (or deletes it).");
  send("Broker", "Billing", "e1", { Billing: "applied e1" }, "Billing applies e1 and records its id in the same transaction.");
  if (crash) send("Broker", "Billing", "e1 (duplicate)", { Billing: "skipped (seen e1)" }, "The duplicate arrives; billing has seen e1 and skips it. Its copy of order 17 matches the database.");
  return { protocol: "outbox", participants, crash: crash ? "relay crashes before marking" : null, messages };
}
