/**
 * Conway's law on one system graph: the same services and calls, owned by different team layouts.
 * A call between services of two different teams is a conversation between those teams; a feature
 * that touches services of three teams needs three teams to agree. Organise the teams by layer and
 * most calls cross a team boundary; organise them by business capability (the reverse Conway
 * manoeuvre) and most calls stay inside one team. Pure data and functions, so the widget's numbers
 * are unit-tested and identical on the server and in the browser.
 */

/** A service drawn on the map, at (x, y) in a 360 × 250 drawing. */
export interface MapService {
  id: string;
  label: string;
  x: number;
  y: number;
}

/** A synchronous call from one service to another. */
export interface MapCall {
  from: string;
  to: string;
}

/** A change a product manager asks for, and the services it has to touch. */
export interface MapFeature {
  id: string;
  label: string;
  services: string[];
}

/** A team that can own services. */
export interface MapTeam {
  id: string;
  name: string;
}

/** Which team owns each service (service id -> team id). */
export type Ownership = Record<string, string>;

/** The system every team layout is drawn over: a small shop, three capabilities in three layers. */
export interface SystemMap {
  services: MapService[];
  calls: MapCall[];
  features: MapFeature[];
  teams: MapTeam[];
}

const column = { ui: 60, service: 180, data: 300 } as const;
const row = { browse: 45, buy: 125, ship: 205 } as const;

/** The shop: browse, buy and ship, each with a web front end, a service and a database. */
export const SHOP: SystemMap = {
  services: [
    { id: "browse-web", label: "browse web", x: column.ui, y: row.browse },
    { id: "catalog", label: "catalog", x: column.service, y: row.browse },
    { id: "catalog-db", label: "catalog db", x: column.data, y: row.browse },
    { id: "checkout-web", label: "checkout web", x: column.ui, y: row.buy },
    { id: "orders", label: "orders", x: column.service, y: row.buy },
    { id: "orders-db", label: "orders db", x: column.data, y: row.buy },
    { id: "tracking-web", label: "tracking web", x: column.ui, y: row.ship },
    { id: "shipping", label: "shipping", x: column.service, y: row.ship },
    { id: "shipping-db", label: "shipping db", x: column.data, y: row.ship },
  ],
  calls: [
    { from: "browse-web", to: "catalog" },
    { from: "catalog", to: "catalog-db" },
    { from: "checkout-web", to: "orders" },
    { from: "orders", to: "orders-db" },
    { from: "tracking-web", to: "shipping" },
    { from: "shipping", to: "shipping-db" },
    { from: "orders", to: "catalog" },
    { from: "orders", to: "shipping" },
  ],
  features: [
    { id: "filter", label: "a new product filter", services: ["browse-web", "catalog", "catalog-db"] },
    { id: "gift-wrap", label: "gift wrapping at checkout", services: ["checkout-web", "orders", "orders-db"] },
    { id: "delivery-date", label: "a delivery date at checkout", services: ["checkout-web", "orders", "shipping"] },
  ],
  teams: [
    { id: "a", name: "Team A" },
    { id: "b", name: "Team B" },
    { id: "c", name: "Team C" },
    { id: "d", name: "Team D" },
  ],
};

/** A named team layout over the shop, with what each team is about. */
export interface TeamLayout {
  id: string;
  label: string;
  /** What each team id stands for in this layout. */
  roles: Record<string, string>;
  owners: Ownership;
}

/** Teams by technical layer: front end, back end, databases. */
export const BY_LAYER: TeamLayout = {
  id: "layers",
  label: "Teams by layer",
  roles: { a: "front end", b: "back end", c: "databases" },
  owners: {
    "browse-web": "a", "checkout-web": "a", "tracking-web": "a",
    catalog: "b", orders: "b", shipping: "b",
    "catalog-db": "c", "orders-db": "c", "shipping-db": "c",
  },
};

/** Teams by business capability (stream-aligned): browse, buy, ship. */
export const BY_CAPABILITY: TeamLayout = {
  id: "capabilities",
  label: "Teams by capability",
  roles: { a: "browse", b: "buy", c: "ship" },
  owners: {
    "browse-web": "a", catalog: "a", "catalog-db": "a",
    "checkout-web": "b", orders: "b", "orders-db": "b",
    "tracking-web": "c", shipping: "c", "shipping-db": "c",
  },
};

/** The layouts the widget offers, by id. */
export const TEAM_LAYOUTS = { layers: BY_LAYER, capabilities: BY_CAPABILITY } as const;
export type TeamLayoutId = keyof typeof TEAM_LAYOUTS;

/** What an ownership means for the teams. */
export interface OwnershipAnalysis {
  /** Calls whose two ends belong to different teams: each one is a conversation between teams. */
  crossTeamCalls: MapCall[];
  /** Calls inside one team. */
  internalCalls: MapCall[];
  /** Services with at least one cross-team call, in map order. */
  boundaryServices: string[];
  /** Services per team id, in map order (teams that own nothing are left out). */
  servicesByTeam: Record<string, string[]>;
  /** The largest number of services one team owns (a rough measure of its cognitive load). */
  mostServicesPerTeam: number;
  /** For each feature, the teams whose services it touches, in team order. */
  featureTeams: { id: string; label: string; teams: string[] }[];
}

/**
 * Checks an ownership against the map: every service owned, by a team the map knows, and no
 * unknown services. Returns one message per problem ([] when it is complete).
 */
export function ownershipProblems(map: SystemMap, owners: Ownership): string[] {
  const teamIds = new Set(map.teams.map((t) => t.id));
  const serviceIds = new Set(map.services.map((s) => s.id));
  const problems: string[] = [];
  for (const s of map.services) {
    const team = owners[s.id];
    if (team === undefined) problems.push(`service "${s.id}" has no owning team`);
    else if (!teamIds.has(team)) problems.push(`service "${s.id}" is owned by "${team}", which is not a team (teams: ${[...teamIds].join(", ")})`);
  }
  for (const id of Object.keys(owners)) if (!serviceIds.has(id)) problems.push(`"${id}" is not a service of the map`);
  return problems;
}

/** Cross-team calls, boundary services, team sizes and the teams each feature needs. Throws on an incomplete ownership. */
export function analyseOwnership(map: SystemMap, owners: Ownership): OwnershipAnalysis {
  const problems = ownershipProblems(map, owners);
  if (problems.length) throw new Error(`Invalid team ownership: ${problems.join("; ")}`);
  const crossTeamCalls = map.calls.filter((c) => owners[c.from] !== owners[c.to]);
  const internalCalls = map.calls.filter((c) => owners[c.from] === owners[c.to]);
  const onBoundary = new Set(crossTeamCalls.flatMap((c) => [c.from, c.to]));
  const servicesByTeam: Record<string, string[]> = {};
  for (const t of map.teams) {
    const owned = map.services.filter((s) => owners[s.id] === t.id).map((s) => s.id);
    if (owned.length) servicesByTeam[t.id] = owned;
  }
  const teamOrder = map.teams.map((t) => t.id);
  return {
    crossTeamCalls,
    internalCalls,
    boundaryServices: map.services.filter((s) => onBoundary.has(s.id)).map((s) => s.id),
    servicesByTeam,
    mostServicesPerTeam: Math.max(0, ...Object.values(servicesByTeam).map((s) => s.length)),
    featureTeams: map.features.map((f) => ({ id: f.id, label: f.label, teams: teamOrder.filter((t) => f.services.some((s) => owners[s] === t)) })),
  };
}

/** The id of the layout an ownership equals, or null for a custom one. */
export function matchingLayout(owners: Ownership): TeamLayoutId | null {
  for (const [id, layout] of Object.entries(TEAM_LAYOUTS) as [TeamLayoutId, TeamLayout][]) {
    if (Object.keys(layout.owners).length === Object.keys(owners).length && Object.entries(layout.owners).every(([s, t]) => owners[s] === t)) return id;
  }
  return null;
}

/** Moves one service to another team; returns a new ownership. */
export function reassign(owners: Ownership, service: string, team: string): Ownership {
  return { ...owners, [service]: team };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One sentence for screen readers and the caption: how many calls cross teams, and what each feature needs. */
export function describeOwnership(map: SystemMap, analysis: OwnershipAnalysis): string {
  const name = (t: string) => map.teams.find((x) => x.id === t)?.name ?? t;
  const features = analysis.featureTeams.map((f) => `${f.label} needs ${f.teams.length === 1 ? name(f.teams[0]!) + " alone" : plural(f.teams.length, "team", "teams")}`).join("; ");
  return `${plural(analysis.crossTeamCalls.length, "call", "calls")} of ${map.calls.length} cross a team boundary. ${features}. The busiest team owns ${plural(analysis.mostServicesPerTeam, "service", "services")}.`;
}
