import { describe, expect, it } from "vitest";
import { contextMapAsText, contextMapProblems, describeRelationship, foodDeliveryMap, relationshipKinds, stepSelection, type ContextMapData } from "@/lib/ddd/context-map";
import syllabus from "@/content/syllabus.json";

describe("the food-delivery context map", () => {
  it("is consistent: known contexts, roles that fit each kind, obligations on every side", () => {
    expect(contextMapProblems(foodDeliveryMap)).toEqual([]);
  });

  it("shows each of the five relationship kinds exactly once", () => {
    const kinds = foodDeliveryMap.relationships.map((r) => r.kind).sort();
    expect(kinds).toEqual(Object.keys(relationshipKinds).sort());
  });

  it("links each kind to a pattern of the domain-driven-design chapter", () => {
    const ddd = new Set((syllabus as { id: string; chapter: string }[]).filter((p) => p.chapter === "domain-driven-design").map((p) => p.id));
    for (const kind of Object.values(relationshipKinds)) expect(ddd.has(kind.patternId), kind.patternId).toBe(true);
  });

  it("flags a map whose relationships contradict their kind", () => {
    const broken: ContextMapData = structuredClone(foodDeliveryMap);
    broken.relationships[0]!.sides[1].context = "nowhere";
    const csp = broken.relationships.find((r) => r.kind === "customer-supplier")!;
    csp.sides = [csp.sides[1], csp.sides[0]];
    broken.relationships.find((r) => r.kind === "anti-corruption-layer")!.sides[1].owes = [];
    expect(contextMapProblems(broken)).toEqual([
      'relationship "ordering-delivery" names unknown context "nowhere"',
      'relationship "catalogue-ordering" (customer-supplier) needs sides [upstream, downstream]',
      'relationship "card-payments": "payments" owes nothing; say so in words',
    ]);
  });

  it("refuses a directed relationship whose downstream is an external system", () => {
    const broken: ContextMapData = structuredClone(foodDeliveryMap);
    const acl = broken.relationships.find((r) => r.kind === "anti-corruption-layer")!;
    acl.sides = [{ ...acl.sides[1], role: "upstream" }, { ...acl.sides[0], role: "downstream" }];
    expect(contextMapProblems(broken)).toContain('relationship "card-payments": the downstream side "card-processor" is external, so the map cannot promise what it does');
  });
});

describe("keyboard movement between relationships", () => {
  it("wraps round with the arrow keys and jumps with Home and End", () => {
    expect(stepSelection(0, "ArrowRight", 5)).toBe(1);
    expect(stepSelection(4, "ArrowDown", 5)).toBe(0);
    expect(stepSelection(0, "ArrowLeft", 5)).toBe(4);
    expect(stepSelection(2, "ArrowUp", 5)).toBe(1);
    expect(stepSelection(3, "Home", 5)).toBe(0);
    expect(stepSelection(1, "End", 5)).toBe(4);
    expect(stepSelection(2, "x", 5)).toBe(2);
    expect(stepSelection(0, "ArrowRight", 0)).toBe(-1);
  });
});

describe("the text alternative", () => {
  it("names every context and every relationship with its direction", () => {
    const text = contextMapAsText(foodDeliveryMap);
    expect(text.contexts).toHaveLength(foodDeliveryMap.contexts.length);
    expect(text.relationships).toHaveLength(foodDeliveryMap.relationships.length);
    expect(text.contexts).toContain("Maps provider (external): geocoding, routes, travel times.");
    const acl = foodDeliveryMap.relationships.find((r) => r.kind === "anti-corruption-layer")!;
    expect(describeRelationship(foodDeliveryMap, acl)).toMatch(/^Anti-corruption layer: Card processor is upstream, Payments translates through an anti-corruption layer\./);
    const sk = foodDeliveryMap.relationships.find((r) => r.kind === "shared-kernel")!;
    expect(describeRelationship(foodDeliveryMap, sk)).toMatch(/^Shared kernel between Ordering and Payments: /);
  });
});
