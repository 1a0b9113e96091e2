/**
 * A client of a Raft cluster: one operation at a time, sent to the server it believes leads (after a timeout, the next server in turn). A
 * follower answers with a redirect naming the leader it knows (or none during an election); the client
 * follows it at once, or waits a moment and tries another server. An operation not answered within the
 * client's timeout fails (a write that timed out may still commit later: its outcome is unknown, which
 * the history checker takes into account).
 */
import type { ProcessApi, ProcessBehaviour } from "../../kernel/network";
import type { TimerHandle } from "../../kernel/timers";
import type { ClientAnswer, ClientRequest, ReadPath } from "./raft-server";

export interface RaftClientHooks {
  /** The next operation, or null when the run takes no more. */
  next(client: string): { op: number; kind: "read" | "write"; key: number; value: number } | null;
  thinkMs(): number;
  timeoutMs: number;
  read: ReadPath;
  servers: readonly string[];
  done(op: number, outcome: { ok: true; value: number | null } | { ok: false }): void;
}

/** Pause before trying another server when nobody knows the leader (an election is on). */
const RETRY_MS = 20;

export function raftClient(api: ProcessApi, hooks: RaftClientHooks): ProcessBehaviour {
  const pick = api.random("server");
  let guess = hooks.servers[pick.int(hooks.servers.length)];
  let current: { request: ClientRequest; timeout: TimerHandle } | null = null;

  const sendCurrent = () => {
    if (current) api.send(guess, current.request.kind, current.request);
  };
  const issue = () => {
    const next = hooks.next(api.id);
    if (!next) return;
    const request: ClientRequest = { type: "request", op: next.op, kind: next.kind, key: next.key, value: next.value, read: hooks.read };
    const timeout = api.setTimer(hooks.timeoutMs, "timeout", () => {
      current = null;
      guess = hooks.servers[(hooks.servers.indexOf(guess) + 1) % hooks.servers.length]; // that server may be gone: try the next

      hooks.done(next.op, { ok: false });
      api.setTimer(hooks.thinkMs(), "think", issue);
    });
    current = { request, timeout };
    if (next.kind === "read" && hooks.read === "any-server") guess = hooks.servers[pick.int(hooks.servers.length)];
    sendCurrent();
  };
  api.setTimer(hooks.thinkMs(), "think", issue);

  return {
    onMessage(from, _label, payload) {
      const m = payload as ClientAnswer;
      const c = current;
      if (!c || m.op !== c.request.op) return; // a late answer to an operation that timed out
      if (m.type === "redirect") {
        if (m.leader && m.leader !== from) {
          guess = m.leader;
          sendCurrent();
        } else {
          const others = hooks.servers.filter((s) => s !== from);
          guess = others.length ? others[pick.int(others.length)] : from;
          api.setTimer(RETRY_MS, "retry", () => {
            if (current === c) sendCurrent();
          });
        }
        return;
      }
      guess = from;
      current = null;
      c.timeout.cancel();
      hooks.done(m.op, { ok: true, value: m.value });
      api.setTimer(hooks.thinkMs(), "think", issue);
    },
  };
}
