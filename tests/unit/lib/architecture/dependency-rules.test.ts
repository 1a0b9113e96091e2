import { describe, expect, it } from "vitest";
import { architectures, architectureStyleIds, isArchitectureStyleId } from "@/lib/architecture/architectures";
import { checkDependency, describeMove, findViolations, moveClass, violationsAddedBy, type Architecture } from "@/lib/architecture/dependency-rules";

const kinds = (a: Architecture) => findViolations(a).map((v) => `${v.from}>${v.to}:${v.kind}`);

describe("the shipped architectures", () => {
  it.each(architectureStyleIds)("%s follows its own rule, and every dependency names known classes", (style) => {
    const a = architectures[style];
    expect(findViolations(a)).toEqual([]);
    const ids = new Set(a.classes.map((c) => c.id));
    for (const d of a.dependencies) expect(ids.has(d.from) && ids.has(d.to)).toBe(true);
    for (const c of a.classes) expect(a.layers.some((l) => l.id === c.layer)).toBe(true);
  });

  it("recognises style ids", () => {
    expect(isArchitectureStyleId("onion")).toBe(true);
    expect(isArchitectureStyleId("pyramid")).toBe(false);
  });
});

describe("layered: only down, one layer at a time", () => {
  const a = architectures.layered;
  it("moving a repository up into Presentation makes Business point up and the repository skip Business", () => {
    const moved = moveClass(a, "order-repository", "presentation");
    expect(kinds(moved)).toEqual(["order-service>order-repository:points-up", "order-repository>sql-client:skips-a-layer"]);
    expect(findViolations(moved)[0]!.message).toMatch(/^Business now depends on Presentation/);
  });
  it("a controller calling a repository directly skips the Business layer", () => {
    const v = checkDependency(moveClass(a, "order-repository", "persistence"), { from: "orders-controller", to: "order-repository" });
    expect(v?.kind).toBe("skips-a-layer");
  });
  it("moving Pricing down to Persistence leaves every edge legal only if nothing skips: CheckoutPage now skips", () => {
    expect(kinds(moveClass(a, "pricing", "persistence"))).toEqual(["checkout-page>pricing:skips-a-layer"]);
  });
  it("a legal move is clean: a second controller in Presentation", () => {
    expect(findViolations(moveClass(a, "checkout-page", "presentation"))).toEqual([]);
  });
});

describe("hexagonal: nothing inside depends on the outside; adapters only through ports", () => {
  const a = architectures.hexagonal;
  it("the core may implement and call its own ports (core → ports is not outward)", () => {
    expect(checkDependency(a, { from: "ordering", to: "payments-port" })).toBeNull();
  });
  it("moving StripePayments into the core makes the core depend on the stripe library", () => {
    const moved = moveClass(a, "stripe-payments", "core");
    expect(kinds(moved)).toEqual(["stripe-payments>stripe-sdk:points-outward"]);
    expect(findViolations(moved)[0]!.message).toMatch(/^Application core now depends on Adapters \(StripePayments → stripe \(npm\)\)/);
  });
  it("moving a port out to the adapters ring: the core depends outward, and an adapter now calls an adapter", () => {
    expect(kinds(moveClass(a, "place-order-port", "adapters"))).toEqual(["http-api>place-order-port:adapter-to-adapter", "ordering>place-order-port:points-outward"]);
  });
  it("an adapter using a library is fine; two adapters calling each other is not", () => {
    expect(checkDependency(a, { from: "postgres-store", to: "stripe-sdk" })).toBeNull();
    expect(checkDependency(a, { from: "http-api", to: "postgres-store" })?.kind).toBe("adapter-to-adapter");
  });
});

describe("clean: the dependency rule", () => {
  const a = architectures.clean;
  it("moving Order (an entity) out to Interface adapters breaks every arrow into it", () => {
    const moved = moveClass(a, "order", "interface-adapters");
    expect(kinds(moved)).toEqual(["place-order>order:points-outward", "order-gateway>order:points-outward"]);
    expect(findViolations(moved)[0]!.message).toBe("Use cases now depends on Interface adapters (PlaceOrder → Order): the dependency rule says dependencies point inward");
  });
  it("an outer ring may skip inward rings (Main reaching a use case is fine)", () => {
    expect(checkDependency(a, { from: "main", to: "place-order" })).toBeNull();
  });
  it("moving a gateway implementation into Entities points it outward at its interface", () => {
    expect(kinds(moveClass(a, "sql-order-gateway", "entities"))).toEqual(["sql-order-gateway>order-gateway:points-outward"]);
  });
});

describe("onion: inward, skipping allowed", () => {
  const a = architectures.onion;
  it("the API may use the domain model directly, two rings in (layered would call that skipping)", () => {
    expect(checkDependency(a, { from: "orders-api", to: "order" })).toBeNull();
  });
  it("moving the repository interface out to Infrastructure makes the application service depend outward", () => {
    expect(kinds(moveClass(a, "order-repository", "infrastructure"))).toEqual(["place-order-handler>order-repository:points-outward"]);
  });
});

describe("moves and their announcements", () => {
  it("moveClass leaves the input alone and refuses unknown classes and layers, naming them", () => {
    const a = architectures.clean;
    moveClass(a, "order", "frameworks");
    expect(a.classes.find((c) => c.id === "order")!.layer).toBe("entities");
    expect(() => moveClass(a, "nope", "entities")).toThrow(/no class "nope"/);
    expect(() => moveClass(a, "order", "attic")).toThrow(/no layer "attic"/);
  });
  it("describes a breaking move, a repair and a clean move", () => {
    const a = architectures.clean;
    const broken = moveClass(a, "order", "interface-adapters");
    expect(violationsAddedBy(a, broken)).toHaveLength(2);
    expect(describeMove(a, broken, "order")).toMatch(/^Moved Order from Entities to Interface adapters\. It breaks 2 rules: Use cases now depends on Interface adapters/);
    const repaired = moveClass(broken, "order", "entities");
    expect(describeMove(broken, repaired, "order")).toBe("Moved Order from Interface adapters to Entities. That repairs 2 broken dependencies; every dependency follows the rule again.");
    const clean = moveClass(a, "orders-controller", "frameworks");
    expect(describeMove(a, clean, "orders-controller")).toBe("Moved OrdersController from Interface adapters to Frameworks & drivers. No rule is broken.");
    expect(describeMove(a, a, "order")).toBe("Order stays in Entities.");
  });
});
