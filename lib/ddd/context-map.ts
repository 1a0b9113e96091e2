/**
 * A context map: the bounded contexts of one domain and how each pair of them relates (shared
 * kernel, customer–supplier, conformist, partnership, anti-corruption layer), with what each side of
 * a relationship owes the other. The course's example is the food-delivery ordering service the code
 * chapters use (orders, restaurants, couriers, payments). Pure data and functions: the widget in
 * components/mdx/ddd-widgets.tsx draws it, the tests check the data is consistent and the keyboard
 * movement and text alternative it relies on.
 */

/** The five relationship kinds the chapter teaches; each is a pattern id of the chapter (or maps to one). */
export type RelationshipKind = "partnership" | "shared-kernel" | "customer-supplier" | "conformist" | "anti-corruption-layer";

/** Display name and the chapter section (pattern id) of each relationship kind. */
export const relationshipKinds: Record<RelationshipKind, { name: string; short: string; patternId: string }> = {
  partnership: { name: "Partnership", short: "P", patternId: "partnership-relationship" },
  "shared-kernel": { name: "Shared kernel", short: "SK", patternId: "shared-kernel" },
  "customer-supplier": { name: "Customer–supplier", short: "C/S", patternId: "customer-supplier-relationship" },
  conformist: { name: "Conformist", short: "CF", patternId: "conformist-relationship" },
  "anti-corruption-layer": { name: "Anti-corruption layer", short: "ACL", patternId: "anti-corruption-layer" },
};

/** Whether a context is part of the company's own system or a third party it cannot change. */
export type ContextOwner = "ours" | "external";

/** One bounded context on the map. */
export interface BoundedContextNode {
  id: string;
  name: string;
  /** Who builds it: a team name, or the vendor for an external system. */
  team: string;
  owner: ContextOwner;
  /** What it is responsible for, in a few words. */
  owns: string;
  /** Position on the drawing, in a 0..100 × 0..100 box (the widget scales it). */
  x: number;
  y: number;
}

/** One side's obligations in a relationship. */
export interface Obligation {
  context: string;
  /** "upstream", "downstream" or "peer" (symmetric kinds). */
  role: "upstream" | "downstream" | "peer";
  /** What this side owes the other, one short sentence each. */
  owes: string[];
}

/** A relationship between two contexts. For directed kinds `sides[0]` is upstream. */
export interface ContextRelationship {
  id: string;
  kind: RelationshipKind;
  sides: [Obligation, Obligation];
  /** What flows across it in this domain, one sentence. */
  about: string;
  /** Why this kind fits this pair, one or two sentences. */
  why: string;
}

/** A whole map: contexts and relationships. */
export interface ContextMapData {
  title: string;
  contexts: BoundedContextNode[];
  relationships: ContextRelationship[];
}

/** The food-delivery example: four contexts of our own and two external providers. */
export const foodDeliveryMap: ContextMapData = {
  title: "Context map of a food-delivery ordering service",
  contexts: [
    { id: "catalogue", name: "Restaurant catalogue", team: "Restaurants team", owner: "ours", owns: "menus, prices, opening hours", x: 14, y: 18 },
    { id: "ordering", name: "Ordering", team: "Ordering team", owner: "ours", owns: "baskets, checkout, order lifecycle", x: 50, y: 18 },
    { id: "delivery", name: "Delivery", team: "Delivery team", owner: "ours", owns: "courier dispatch, pickup, drop-off, ETAs", x: 86, y: 18 },
    { id: "payments", name: "Payments", team: "Payments team", owner: "ours", owns: "charges, refunds, payouts", x: 50, y: 82 },
    { id: "card-processor", name: "Card processor", team: "external vendor", owner: "external", owns: "card authorisation and capture", x: 14, y: 82 },
    { id: "maps", name: "Maps provider", team: "external vendor", owner: "external", owns: "geocoding, routes, travel times", x: 86, y: 82 },
  ],
  relationships: [
    {
      id: "ordering-delivery",
      kind: "partnership",
      about: "An order becomes a delivery job when the restaurant accepts it; ETAs and hand-off flow back.",
      why: "Neither team can ship the order-to-courier flow alone: a change to when a job is created changes both sides, so they plan it together and succeed or fail together.",
      sides: [
        { context: "ordering", role: "peer", owes: ["Plan changes to the hand-off with Delivery before building them.", "Release its side of a joint change together with Delivery's.", "Fix a broken integration as its own problem, not Delivery's."] },
        { context: "delivery", role: "peer", owes: ["Plan changes to the hand-off with Ordering before building them.", "Release its side of a joint change together with Ordering's.", "Fix a broken integration as its own problem, not Ordering's."] },
      ],
    },
    {
      id: "ordering-payments",
      kind: "shared-kernel",
      about: "Both use one small shared module: the Money type (amount in minor units, currency, rounding) and the order reference.",
      why: "A total rounded one way at checkout and another way at charge time is a real bug; sharing the few types where the two must agree to the cent is cheaper than translating them.",
      sides: [
        { context: "ordering", role: "peer", owes: ["Change the kernel only with Payments' agreement.", "Run Payments' tests against every kernel change.", "Keep the kernel small: nothing goes in that only Ordering needs."] },
        { context: "payments", role: "peer", owes: ["Change the kernel only with Ordering's agreement.", "Run Ordering's tests against every kernel change.", "Keep the kernel small: nothing goes in that only Payments needs."] },
      ],
    },
    {
      id: "catalogue-ordering",
      kind: "customer-supplier",
      about: "Ordering reads menus, prices and availability from the catalogue to build baskets.",
      why: "Ordering depends on the catalogue but not the other way round, and both teams work for the same company, so Ordering can ask for what it needs and the catalogue team can plan it.",
      sides: [
        { context: "catalogue", role: "upstream", owes: ["Put Ordering's needs into its planning with agreed priorities.", "Keep the contract tests Ordering contributed passing before each release.", "Announce and version breaking changes, with a migration period."] },
        { context: "ordering", role: "downstream", owes: ["State its needs early and rank them.", "Write the contract tests that say what it relies on.", "Accept the negotiated schedule instead of working around the catalogue."] },
      ],
    },
    {
      id: "maps-delivery",
      kind: "conformist",
      about: "Delivery uses the provider's addresses, coordinates, routes and travel-time model as they come.",
      why: "The vendor will not change its model for one customer, and its model is good enough for dispatch, so translating it would cost more than it saves.",
      sides: [
        { context: "maps", role: "upstream", owes: ["Only what its published API and terms promise (for example a deprecation period)."] },
        { context: "delivery", role: "downstream", owes: ["Adopt the provider's model as it is, in code and in conversation.", "Follow the provider's changes on the provider's schedule.", "Accept that a model change upstream is a change in Delivery."] },
      ],
    },
    {
      id: "card-payments",
      kind: "anti-corruption-layer",
      about: "Payments calls the processor to authorise, capture and refund, and receives its status callbacks.",
      why: "The processor's model (intents, dozens of status codes, its own idea of a refund) does not match how Payments thinks, and the company may switch processors, so a translation layer keeps that model out.",
      sides: [
        { context: "card-processor", role: "upstream", owes: ["Only what its published API and terms promise."] },
        { context: "payments", role: "downstream", owes: ["Own and maintain the translation layer.", "Keep the processor's names and status codes out of its own model.", "Update the layer (and only the layer) when the processor changes."] },
      ],
    },
  ],
};

/** The context with this id; throws naming the id when there is none. */
export function contextById(map: ContextMapData, id: string): BoundedContextNode {
  const found = map.contexts.find((c) => c.id === id);
  if (!found) throw new Error(`context map "${map.title}": no context "${id}"`);
  return found;
}

/** Problems with a map (empty when consistent): unknown contexts, duplicate ids, roles that do not fit the kind. */
export function contextMapProblems(map: ContextMapData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of map.contexts) {
    if (ids.has(c.id)) problems.push(`context "${c.id}" is listed twice`);
    ids.add(c.id);
    if (c.x < 0 || c.x > 100 || c.y < 0 || c.y > 100) problems.push(`context "${c.id}" is drawn outside the 0..100 box`);
  }
  const relIds = new Set<string>();
  for (const r of map.relationships) {
    if (relIds.has(r.id)) problems.push(`relationship "${r.id}" is listed twice`);
    relIds.add(r.id);
    const [a, b] = r.sides;
    for (const side of r.sides) if (!ids.has(side.context)) problems.push(`relationship "${r.id}" names unknown context "${side.context}"`);
    if (a.context === b.context) problems.push(`relationship "${r.id}" joins "${a.context}" to itself`);
    const symmetric = r.kind === "partnership" || r.kind === "shared-kernel";
    if (symmetric && (a.role !== "peer" || b.role !== "peer")) problems.push(`relationship "${r.id}" (${r.kind}) is symmetric: both sides must be peers`);
    if (!symmetric && (a.role !== "upstream" || b.role !== "downstream")) problems.push(`relationship "${r.id}" (${r.kind}) needs sides [upstream, downstream]`);
    for (const side of r.sides) if (side.owes.length === 0) problems.push(`relationship "${r.id}": "${side.context}" owes nothing; say so in words`);
    if (!symmetric && map.contexts.find((c) => c.id === b.context)?.owner === "external")
      problems.push(`relationship "${r.id}": the downstream side "${b.context}" is external, so the map cannot promise what it does`);
  }
  return problems;
}

/** The index reached from `current` by an arrow key (`delta` ±1), wrapping round; Home/End go to the ends. */
export function stepSelection(current: number, key: string, count: number): number {
  if (count <= 0) return -1;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  const delta = key === "ArrowRight" || key === "ArrowDown" ? 1 : key === "ArrowLeft" || key === "ArrowUp" ? -1 : 0;
  return (((current + delta) % count) + count) % count;
}

/** One sentence naming a relationship, its direction and what flows across it. */
export function describeRelationship(map: ContextMapData, relationship: ContextRelationship): string {
  const [a, b] = relationship.sides;
  const nameA = contextById(map, a.context).name;
  const nameB = contextById(map, b.context).name;
  const kind = relationshipKinds[relationship.kind].name;
  if (a.role === "peer") return `${kind} between ${nameA} and ${nameB}: ${relationship.about}`;
  const how = relationship.kind === "anti-corruption-layer" ? `${nameB} translates through an anti-corruption layer` : relationship.kind === "conformist" ? `${nameB} conforms` : `${nameB} is the customer`;
  return `${kind}: ${nameA} is upstream, ${how}. ${relationship.about}`;
}

/** The map as text (the widget's text alternative): one line per context, then one per relationship. */
export function contextMapAsText(map: ContextMapData): { contexts: string[]; relationships: string[] } {
  return {
    contexts: map.contexts.map((c) => `${c.name} (${c.owner === "external" ? "external" : c.team}): ${c.owns}.`),
    relationships: map.relationships.map((r) => describeRelationship(map, r)),
  };
}
