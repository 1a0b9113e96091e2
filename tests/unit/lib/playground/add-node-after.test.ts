import { describe, expect, it } from "vitest";
import { addNodeAfter, designIssues, emptyDesign, kindName } from "@/lib/playground/design";

describe("addNodeAfter", () => {
  it("builds source → balancer → two servers in four adds, left to right, each connected, valid", () => {
    let d = emptyDesign();
    ({ design: d } = addNodeAfter(d, "source", null));
    ({ design: d } = addNodeAfter(d, "load-balancer", "source"));
    ({ design: d } = addNodeAfter(d, "server", "load-balancer"));
    ({ design: d } = addNodeAfter(d, "server", "load-balancer"));
    expect(d.scenario.edges).toEqual([
      { from: "source", to: "load-balancer" },
      { from: "load-balancer", to: "server" },
      { from: "load-balancer", to: "server-2" },
    ]);
    expect(d.positions["load-balancer"].x).toBeGreaterThan(d.positions.source.x);
    expect(d.positions.server.x).toBeGreaterThan(d.positions["load-balancer"].x);
    // The second target goes below the first, not on top of it.
    expect(d.positions["server-2"].x).toBe(d.positions.server.x);
    expect(d.positions["server-2"].y).toBeGreaterThan(d.positions.server.y);
    expect(designIssues(d)).toEqual([]);
  });

  it("without a selection places the node below the others, unconnected", () => {
    let d = emptyDesign();
    ({ design: d } = addNodeAfter(d, "source", null));
    const { design, id } = addNodeAfter(d, "server", null);
    expect(id).toBe("server");
    expect(design.scenario.edges).toEqual([]);
    expect(design.positions.server.y).toBeGreaterThan(design.positions.source.y);
  });

  it("names kinds for people", () => {
    expect(kindName("load-balancer")).toBe("Load balancer");
  });
});
