/**
 * Event sourcing in miniature: an append-only log of order events for a food-delivery service,
 * folded into state. Nothing here stores "the current order"; the current order is whatever the fold
 * of its events says it is.
 *
 * - `upcast` turns an old event version into the current one as it is read (version 1 of
 *   `ItemAdded` carried a price in euros as a decimal; version 2 carries integer cents), so handlers
 *   only ever see the current shape and the log itself is never rewritten.
 * - `applyEvent` is the handler: a pure function of (state, event). `replay` folds a log from the
 *   empty state or from a snapshot; because the fold is a left fold, state after the whole log equals
 *   state after folding the tail onto any snapshot taken along the way.
 * - `takeSnapshots` keeps the state after every N events; `rebuild` starts from the newest snapshot
 *   and applies only the events since it, so its cost is the distance to the last snapshot (at most
 *   N − 1), not the length of the log.
 * - Two projections read the same log: the write model's orders, and a read model of revenue per
 *   restaurant (CQRS); `project` rebuilds any projection from scratch.
 * - A handler that reads the clock (`clock-reading`) stamps an estimated delivery time from "now"
 *   instead of from the event: replaying it later gives another state, and `checkReplay` flags the
 *   first event where the rebuilt state and the stored one part.
 *
 * Pure and deterministic: logs come from a seeded generator, no clock or Math.random is read.
 */

export type EventType = "OrderPlaced" | "ItemAdded" | "OrderPaid" | "CourierAssigned" | "OrderDelivered" | "OrderCancelled";

/** An event as stored: its version says which shape `data` has. */
export interface StoredEvent {
  /** Position in the log, 1-based. */
  seq: number;
  type: EventType;
  version: 1 | 2;
  orderId: string;
  /** When it happened, minutes since the day opened. */
  atMin: number;
  data: Record<string, string | number>;
}

/** An event in the current shape (after upcasting). */
export interface OrderEvent extends StoredEvent {
  version: 2;
}

export type OrderStatus = "placed" | "paid" | "on-the-way" | "delivered" | "cancelled";

export interface OrderView {
  restaurant: string;
  status: OrderStatus;
  items: number;
  totalCents: number;
  /** Estimated delivery, minutes since the day opened (set when a courier is assigned). */
  etaMin: number | null;
}

/** The write model: every order by id. */
export type OrdersState = Readonly<Record<string, OrderView>>;

export interface Snapshot {
  /** The last event folded into `state`. */
  seq: number;
  state: OrdersState;
}

export type HandlerKind = "deterministic" | "clock-reading";

/** What a handler may read besides (state, event): only the clock-reading one uses it. */
export interface HandlerEnv {
  /** The wall clock when the handler runs, minutes since the day opened. */
  nowMin: number;
}

const RESTAURANTS = ["Pho 88", "Casa Verde", "Bento Box", "Napoli"] as const;

/** Reads an old event in today's shape. Version 1 `ItemAdded` had `price` in euros; version 2 has `priceCents`. */
export function upcast(event: StoredEvent): OrderEvent {
  if (event.version === 2) return event as OrderEvent;
  if (event.type === "ItemAdded") {
    const { price, ...rest } = event.data;
    return { ...event, version: 2, data: { ...rest, priceCents: Math.round(Number(price) * 100) } };
  }
  return { ...event, version: 2 };
}

/**
 * The handler: the state after one more event. Pure for "deterministic"; "clock-reading" computes
 * the delivery estimate from `env.nowMin` (the moment it runs) instead of the event's own time.
 */
export function applyEvent(state: OrdersState, stored: StoredEvent, handler: HandlerKind = "deterministic", env: HandlerEnv = { nowMin: 0 }): OrdersState {
  const e = upcast(stored);
  const order = state[e.orderId];
  if (e.type === "OrderPlaced") return { ...state, [e.orderId]: { restaurant: String(e.data.restaurant), status: "placed", items: 0, totalCents: 0, etaMin: null } };
  if (!order) return state;
  const put = (patch: Partial<OrderView>) => ({ ...state, [e.orderId]: { ...order, ...patch } });
  switch (e.type) {
    case "ItemAdded":
      return put({ items: order.items + 1, totalCents: order.totalCents + Number(e.data.priceCents) });
    case "OrderPaid":
      return put({ status: "paid" });
    case "CourierAssigned": {
      const from = handler === "clock-reading" ? env.nowMin : e.atMin;
      return put({ status: "on-the-way", etaMin: from + Number(e.data.travelMin) });
    }
    case "OrderDelivered":
      return put({ status: "delivered" });
    case "OrderCancelled":
      return put({ status: "cancelled" });
  }
  return state;
}

export interface ReplayResult {
  state: OrdersState;
  /** Events the fold applied: the cost of the replay. */
  applied: number;
}

/**
 * Folds `events` (in log order) onto `from` (a snapshot, or the empty state). Events at or before the
 * snapshot's position are skipped. `env(seq)` says what the clock reads when event `seq` is handled.
 */
export function replay(events: readonly StoredEvent[], options: { from?: Snapshot; handler?: HandlerKind; env?: (seq: number) => HandlerEnv } = {}): ReplayResult {
  let state: OrdersState = options.from?.state ?? {};
  const after = options.from?.seq ?? 0;
  let applied = 0;
  for (const e of events) {
    if (e.seq <= after) continue;
    state = applyEvent(state, e, options.handler, options.env?.(e.seq));
    applied++;
  }
  return { state, applied };
}

/** The state after every `every` events (a snapshot at seq N, 2N, ...). `every` must be a positive integer. */
export function takeSnapshots(events: readonly StoredEvent[], every: number, handler: HandlerKind = "deterministic"): Snapshot[] {
  if (!Number.isInteger(every) || every < 1) throw new Error(`snapshot interval must be a positive integer (got ${every})`);
  const snapshots: Snapshot[] = [];
  let state: OrdersState = {};
  for (const e of events) {
    state = applyEvent(state, e, handler);
    if (e.seq % every === 0) snapshots.push({ seq: e.seq, state });
  }
  return snapshots;
}

/** Rebuilds the state at the log's end from the newest snapshot at or before `upTo` (default: the end). */
export function rebuild(events: readonly StoredEvent[], snapshots: readonly Snapshot[], upTo = events.length): ReplayResult & { fromSeq: number } {
  const prefix = events.slice(0, upTo);
  let from: Snapshot | undefined;
  for (const s of snapshots) if (s.seq <= upTo && (!from || s.seq > from.seq)) from = s;
  return { ...replay(prefix, { from }), fromSeq: from?.seq ?? 0 };
}

/** A read model (CQRS): revenue in cents per restaurant, counting paid and later orders, not cancelled ones. */
export function revenueByRestaurant(state: OrdersState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of RESTAURANTS) out[name] = 0;
  for (const o of Object.values(state)) if (o.status !== "placed" && o.status !== "cancelled") out[o.restaurant] = (out[o.restaurant] ?? 0) + o.totalCents;
  return out;
}

/** Rebuilds a projection from the first event: what you run after changing the projection's code. */
export function project<T>(events: readonly StoredEvent[], view: (state: OrdersState) => T): T {
  return view(replay(events).state);
}

export interface ReplayCheck {
  diverged: boolean;
  /** The first event after which the rebuilt state differs from the stored one. */
  firstDivergentSeq: number | null;
  /** Orders whose rebuilt state differs at the end. */
  ordersDiffering: string[];
}

/**
 * Replays the log as it would run today (the clock `laterByMin` after each event happened) and compares
 * it, event by event, with the state the live system stored when each event arrived (clock = event time).
 */
export function checkReplay(events: readonly StoredEvent[], handler: HandlerKind, laterByMin: number): ReplayCheck {
  let live: OrdersState = {};
  let again: OrdersState = {};
  let first: number | null = null;
  for (const e of events) {
    live = applyEvent(live, e, handler, { nowMin: e.atMin });
    again = applyEvent(again, e, handler, { nowMin: e.atMin + laterByMin });
    if (first === null && !sameOrder(live[e.orderId], again[e.orderId])) first = e.seq;
  }
  const ordersDiffering = Object.keys(live).filter((id) => !sameOrder(live[id], again[id]));
  return { diverged: first !== null, firstDivergentSeq: first, ordersDiffering };
}

function sameOrder(a: OrderView | undefined, b: OrderView | undefined): boolean {
  if (!a || !b) return a === b;
  return a.restaurant === b.restaurant && a.status === b.status && a.items === b.items && a.totalCents === b.totalCents && a.etaMin === b.etaMin;
}

/** Two states equal order by order. */
export function sameState(a: OrdersState, b: OrdersState): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((id) => sameOrder(a[id], b[id]));
}

/** sfc32, the same small generator the simulations use, so a seed gives the same log everywhere. */
function seeded(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * A day's order log: `count` events over several orders, each following place → items → pay →
 * courier → delivered (or a cancellation). Events before `v1Until` (by seq) are stored in version 1,
 * as the service wrote them before the price field changed.
 */
export function generateLog(count: number, seed = 1, v1Until = Math.floor(count / 3)): StoredEvent[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`event count must be a non-negative integer (got ${count})`);
  const rnd = seeded(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  type Live = { id: string; stage: number; items: number };
  const open: Live[] = [];
  const log: StoredEvent[] = [];
  let nextOrder = 1;
  let clock = 0;
  while (log.length < count) {
    clock += 1 + pick(3);
    const seq = log.length + 1;
    const version: 1 | 2 = seq <= v1Until ? 1 : 2;
    if (open.length < 2 || (open.length < 5 && rnd() < 0.3)) {
      const id = `o${nextOrder++}`;
      open.push({ id, stage: 0, items: 0 });
      log.push({ seq, type: "OrderPlaced", version, orderId: id, atMin: clock, data: { restaurant: RESTAURANTS[pick(RESTAURANTS.length)] } });
      continue;
    }
    const o = open[pick(open.length)];
    const done = () => open.splice(open.indexOf(o), 1);
    if (o.stage === 0 && (o.items < 1 || rnd() < 0.5) && o.items < 4) {
      o.items++;
      const euros = 4 + pick(16) + pick(4) * 0.25;
      log.push({ seq, type: "ItemAdded", version, orderId: o.id, atMin: clock, data: version === 1 ? { price: euros } : { priceCents: Math.round(euros * 100) } });
    } else if (o.stage === 0) {
      o.stage = 1;
      if (rnd() < 0.1) {
        done();
        log.push({ seq, type: "OrderCancelled", version, orderId: o.id, atMin: clock, data: {} });
      } else log.push({ seq, type: "OrderPaid", version, orderId: o.id, atMin: clock, data: {} });
    } else if (o.stage === 1) {
      o.stage = 2;
      log.push({ seq, type: "CourierAssigned", version, orderId: o.id, atMin: clock, data: { travelMin: 10 + pick(25) } });
    } else {
      done();
      log.push({ seq, type: "OrderDelivered", version, orderId: o.id, atMin: clock, data: {} });
    }
  }
  return log;
}

/** One line per event, for tables and text alternatives. */
export function describeEvent(e: StoredEvent): string {
  const d = e.data;
  switch (e.type) {
    case "OrderPlaced":
      return `${e.orderId} placed at ${d.restaurant}`;
    case "ItemAdded":
      return e.version === 1 ? `${e.orderId}: item at €${Number(d.price).toFixed(2)} (v1, price in euros)` : `${e.orderId}: item at ${d.priceCents} cents`;
    case "OrderPaid":
      return `${e.orderId} paid`;
    case "CourierAssigned":
      return `${e.orderId}: courier assigned, ${d.travelMin} min away`;
    case "OrderDelivered":
      return `${e.orderId} delivered`;
    case "OrderCancelled":
      return `${e.orderId} cancelled`;
  }
}
