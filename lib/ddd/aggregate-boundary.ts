/**
 * The aggregate-boundary exercise: the learner decides which entities sit inside the Order aggregate
 * of the food-delivery example, and the check tells, invariant by invariant, whether one transaction
 * on the aggregate can enforce it, and, entity by entity, why a placement is wrong. An invariant can
 * be enforced in one transaction exactly when every entity whose state it reads or writes is inside
 * the aggregate; an entity that no invariant needs, changed by someone else or far more often, makes
 * the aggregate too big (contention and locking), so it is referenced by id instead. Pure functions,
 * so the grading is unit-tested.
 */

/** A candidate entity or value object the learner can place inside or outside the aggregate. */
export interface AggregateCandidate {
  id: string;
  name: string;
  /** What it is, one line (shown on the card). */
  what: string;
  /** "inside" when the invariants need it; "outside" when it belongs elsewhere (referenced by id). */
  belongs: "inside" | "outside";
  /** Explanation shown when the learner places it on the wrong side. */
  wrong: string;
  /** Explanation shown when the learner places it on the right side. */
  right: string;
}

/** A rule the aggregate must keep true at the end of every transaction. */
export interface AggregateInvariant {
  id: string;
  text: string;
  /** Candidates whose state the rule reads or writes; all must be inside for one transaction to hold it. */
  needs: string[];
  /** What goes wrong when one of them is outside. */
  breaksBecause: string;
}

/** The whole exercise: the root (always inside), the candidates and the invariants. */
export interface AggregateExercise {
  root: string;
  candidates: AggregateCandidate[];
  invariants: AggregateInvariant[];
}

/** The Order aggregate of the food-delivery example, with an item limit of `maxItems`. */
export function orderAggregateExercise(maxItems = 20): AggregateExercise {
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new Error(`maxItems must be a positive integer (got ${String(maxItems)})`);
  return {
    root: "Order",
    candidates: [
      {
        id: "order-line",
        name: "OrderLine",
        what: "a dish in the basket: menu item id, name and unit price copied at the time, quantity",
        belongs: "inside",
        right: "Inside: the total and the item count are computed from the lines, so lines change in the same transaction as the order.",
        wrong: `The total and the ${maxItems}-item limit are both about the lines. As a separate aggregate, two requests can each add a line in their own transaction: both see ${maxItems - 1} items, both succeed, and the order ends up with ${maxItems + 1} while its stored total counts only one of them.`,
      },
      {
        id: "delivery-address",
        name: "DropOffAddress",
        what: "the address and instructions the diner confirmed at checkout (a value object)",
        belongs: "inside",
        right: "Inside: the rule that it may change only before the restaurant accepts reads the order's status, so both live in one transaction.",
        wrong: "The rule 'the address may change only while the order awaits acceptance' reads the order's status. With the address elsewhere, an address edit and the restaurant's acceptance can commit in separate transactions at the same moment, and the courier gets sent to the old address.",
      },
      {
        id: "menu-item",
        name: "MenuItem",
        what: "a dish on the restaurant's menu, with its current price and availability",
        belongs: "outside",
        right: "Outside: the line keeps the menu item's id and a copy of the name and price when it was added, so a menu edit never touches placed orders.",
        wrong: "A menu item belongs to the restaurant catalogue and changes when the restaurant edits its menu. Inside the Order, a price change would have to update or lock every open order that contains the dish, and the total would move after the diner saw it. Keep the menu item's id and copy the price into the line.",
      },
      {
        id: "restaurant",
        name: "Restaurant",
        what: "the restaurant the order is placed with: opening hours, address, menus",
        belongs: "outside",
        right: "Outside: the order holds the restaurant's id, which is all that 'every line comes from one restaurant' needs.",
        wrong: "'Every line comes from one restaurant' needs only the restaurant's id on the order. With the whole restaurant inside, every order of a busy restaurant becomes one transaction with the restaurant itself, and at lunch hundreds of checkouts queue on one row.",
      },
      {
        id: "payment",
        name: "Payment",
        what: "the charge for the order: authorised, captured, refunded",
        belongs: "outside",
        right: "Outside: Payments owns it; the order keeps the payment id and learns the outcome from an event.",
        wrong: "A payment has its own life in the Payments context and is changed by the card processor's callbacks. Inside the Order, each callback would conflict with the diner editing the basket, and no invariant here reads the payment's state. Reference it by id and react to its events.",
      },
      {
        id: "courier",
        name: "Courier",
        what: "the person delivering: shift, vehicle, live location",
        belongs: "outside",
        right: "Outside: a courier serves many orders in a shift and belongs to Delivery, which refers to the order by id.",
        wrong: "A courier serves many orders over a shift and their location changes every few seconds. Inside the Order, every location update would conflict with order changes, and one courier would sit inside many aggregates at once. Delivery refers to the order by id.",
      },
      {
        id: "customer",
        name: "Customer",
        what: "the diner's account: name, saved addresses, payment methods",
        belongs: "outside",
        right: "Outside: the customer outlives every order; the order holds the customer's id and a copy of the address it uses.",
        wrong: "The customer's account outlives every order and is edited elsewhere (profile, saved cards). No order invariant reads it; putting it inside makes an address-book edit contend with every open order. Hold the customer id, and copy what the order needs at checkout.",
      },
    ],
    invariants: [
      {
        id: "total",
        text: "The order total equals the sum of its lines (unit price × quantity).",
        needs: ["order-line"],
        breaksBecause: "lines and total can then commit separately, so a reader can see a total that does not match the lines",
      },
      {
        id: "max-items",
        text: `An order holds at most ${maxItems} items in all.`,
        needs: ["order-line"],
        breaksBecause: "two concurrent additions each check the count in their own transaction and both pass",
      },
      {
        id: "one-restaurant",
        text: "Every line comes from the order's one restaurant.",
        needs: ["order-line"],
        breaksBecause: "a line added outside the order's transaction is never compared with the order's restaurant id",
      },
      {
        id: "address-before-acceptance",
        text: "The drop-off address can change only while the order awaits the restaurant's acceptance.",
        needs: ["delivery-address"],
        breaksBecause: "an address edit and the acceptance can commit at the same moment in separate transactions",
      },
    ],
  };
}

/** The verdict on one invariant for a placement. */
export interface InvariantVerdict {
  id: string;
  text: string;
  holds: boolean;
  /** Candidates it needs that are outside (empty when it holds). */
  missing: string[];
  /** Why it cannot be enforced, when it cannot. */
  reason?: string;
}

/** The verdict on one candidate for a placement. */
export interface CandidateVerdict {
  id: string;
  name: string;
  placed: "inside" | "outside";
  right: boolean;
  /** "missing": needed inside but outside; "too-big": inside but should be referenced by id. */
  problem?: "missing" | "too-big";
  explanation: string;
}

/** The result of checking a placement. */
export interface BoundaryCheck {
  invariants: InvariantVerdict[];
  candidates: CandidateVerdict[];
  /** Invariants that hold, of all. */
  holding: number;
  /** Candidates placed on the right side, of all. */
  correct: number;
  /** Every invariant holds and nothing unnecessary is inside. */
  solved: boolean;
}

/** Checks which candidates the learner put inside the aggregate (`inside`: candidate ids). Unknown ids are refused by name. */
export function checkBoundary(exercise: AggregateExercise, inside: Iterable<string>): BoundaryCheck {
  const placed = new Set(inside);
  const known = new Set(exercise.candidates.map((c) => c.id));
  const unknown = [...placed].filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`unknown candidate${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  const nameOf = (id: string) => exercise.candidates.find((c) => c.id === id)!.name;
  const invariants = exercise.invariants.map((inv): InvariantVerdict => {
    const missing = inv.needs.filter((id) => !placed.has(id));
    return missing.length === 0
      ? { id: inv.id, text: inv.text, holds: true, missing }
      : { id: inv.id, text: inv.text, holds: false, missing, reason: `${missing.map(nameOf).join(" and ")} ${missing.length > 1 ? "are" : "is"} outside the aggregate: ${inv.breaksBecause}.` };
  });
  const candidates = exercise.candidates.map((c): CandidateVerdict => {
    const where = placed.has(c.id) ? "inside" : "outside";
    const right = where === c.belongs;
    return { id: c.id, name: c.name, placed: where, right, problem: right ? undefined : where === "outside" ? "missing" : "too-big", explanation: right ? c.right : c.wrong };
  });
  const holding = invariants.filter((v) => v.holds).length;
  const correct = candidates.filter((v) => v.right).length;
  return { invariants, candidates, holding, correct, solved: correct === candidates.length };
}

/** Problems with an exercise's data (empty when consistent): invariants that need unknown or outside-belonging candidates. */
export function aggregateExerciseProblems(exercise: AggregateExercise): string[] {
  const problems: string[] = [];
  const byId = new Map(exercise.candidates.map((c) => [c.id, c]));
  if (byId.size !== exercise.candidates.length) problems.push("candidate ids must be unique");
  for (const inv of exercise.invariants) {
    if (inv.needs.length === 0) problems.push(`invariant "${inv.id}" needs no candidate, so nothing can break it`);
    for (const id of inv.needs) {
      const c = byId.get(id);
      if (!c) problems.push(`invariant "${inv.id}" needs unknown candidate "${id}"`);
      else if (c.belongs !== "inside") problems.push(`invariant "${inv.id}" needs "${id}", which is marked as belonging outside`);
    }
  }
  for (const c of exercise.candidates)
    if (c.belongs === "inside" && !exercise.invariants.some((inv) => inv.needs.includes(c.id))) problems.push(`candidate "${c.id}" belongs inside but no invariant needs it`);
  return problems;
}
