import { describe, expect, it } from "vitest";
import { analyseOwnership, BY_CAPABILITY, BY_LAYER, describeOwnership, matchingLayout, ownershipProblems, reassign, SHOP } from "@/lib/teams/conway-map";

describe("the shop map", () => {
  it("is consistent: calls and features name services of the map, and both layouts own every service", () => {
    const ids = new Set(SHOP.services.map((s) => s.id));
    for (const c of SHOP.calls) expect(ids.has(c.from) && ids.has(c.to), `${c.from}->${c.to}`).toBe(true);
    for (const f of SHOP.features) for (const s of f.services) expect(ids.has(s), s).toBe(true);
    expect(ownershipProblems(SHOP, BY_LAYER.owners)).toEqual([]);
    expect(ownershipProblems(SHOP, BY_CAPABILITY.owners)).toEqual([]);
  });
});

describe("analyseOwnership", () => {
  it("teams by layer: every call between layers crosses a team; only back-end to back-end calls stay inside", () => {
    const a = analyseOwnership(SHOP, BY_LAYER.owners);
    expect(a.crossTeamCalls).toHaveLength(6);
    expect(a.internalCalls).toEqual([
      { from: "orders", to: "catalog" },
      { from: "orders", to: "shipping" },
    ]);
    expect(a.boundaryServices).toHaveLength(9);
    expect(a.featureTeams.map((f) => f.teams.length)).toEqual([3, 3, 2]);
  });

  it("teams by capability (the reverse Conway manoeuvre): only the two calls between capabilities cross", () => {
    const a = analyseOwnership(SHOP, BY_CAPABILITY.owners);
    expect(a.crossTeamCalls).toEqual([
      { from: "orders", to: "catalog" },
      { from: "orders", to: "shipping" },
    ]);
    expect(a.boundaryServices).toEqual(["catalog", "orders", "shipping"]);
    expect(a.featureTeams.map((f) => f.teams)).toEqual([["a"], ["b"], ["b", "c"]]);
    expect(a.mostServicesPerTeam).toBe(3);
  });

  it("moving one service changes the counts: the orders database handed to team C adds a crossing and a team to gift wrapping", () => {
    const moved = reassign(BY_CAPABILITY.owners, "orders-db", "c");
    const a = analyseOwnership(SHOP, moved);
    expect(a.crossTeamCalls).toHaveLength(3);
    expect(a.featureTeams.find((f) => f.id === "gift-wrap")!.teams).toEqual(["b", "c"]);
    expect(a.servicesByTeam).toEqual({ a: ["browse-web", "catalog", "catalog-db"], b: ["checkout-web", "orders"], c: ["orders-db", "tracking-web", "shipping", "shipping-db"] });
    expect(a.mostServicesPerTeam).toBe(4);
    // The original is untouched.
    expect(BY_CAPABILITY.owners["orders-db"]).toBe("b");
  });

  it("one team owning everything has no crossings at all, and one team per service crosses on every call", () => {
    const one = Object.fromEntries(SHOP.services.map((s) => [s.id, "a"]));
    expect(analyseOwnership(SHOP, one).crossTeamCalls).toEqual([]);
    expect(analyseOwnership(SHOP, one).mostServicesPerTeam).toBe(9);
  });

  it("refuses an ownership that leaves a service without a team or names an unknown team, naming each problem", () => {
    const { catalog: _dropped, ...missing } = BY_LAYER.owners;
    expect(() => analyseOwnership(SHOP, missing)).toThrow(/service "catalog" has no owning team/);
    expect(ownershipProblems(SHOP, { ...BY_LAYER.owners, orders: "z", search: "a" })).toEqual([
      'service "orders" is owned by "z", which is not a team (teams: a, b, c, d)',
      '"search" is not a service of the map',
    ]);
  });
});

describe("matchingLayout and describeOwnership", () => {
  it("recognise the two layouts and call anything else custom", () => {
    expect(matchingLayout(BY_LAYER.owners)).toBe("layers");
    expect(matchingLayout(BY_CAPABILITY.owners)).toBe("capabilities");
    expect(matchingLayout(reassign(BY_LAYER.owners, "orders", "d"))).toBeNull();
  });

  it("say how many calls cross and how many teams each feature needs", () => {
    expect(describeOwnership(SHOP, analyseOwnership(SHOP, BY_CAPABILITY.owners))).toBe(
      "2 calls of 8 cross a team boundary. a new product filter needs Team A alone; gift wrapping at checkout needs Team B alone; a delivery date at checkout needs 2 teams. The busiest team owns 3 services.",
    );
    expect(describeOwnership(SHOP, analyseOwnership(SHOP, BY_LAYER.owners))).toMatch(/^6 calls of 8 cross a team boundary\. a new product filter needs 3 teams/);
  });
});
