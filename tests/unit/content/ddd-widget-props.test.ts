/**
 * The props chapters pass to <ContextMapView> and <AggregateBoundary> (content/README.md): a kind the
 * map does not have, a bad item limit or a repeated exercise id fails here, not on the page.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { relationshipKinds } from "@/lib/ddd/context-map";
import { orderAggregateExercise } from "@/lib/ddd/aggregate-boundary";

const chaptersDir = path.resolve(import.meta.dirname, "../../../content/chapters");
const uses = readdirSync(chaptersDir)
  .filter((f) => f.endsWith(".mdx"))
  .flatMap((file) => [...readFileSync(path.join(chaptersDir, file), "utf8").matchAll(/<(ContextMapView|AggregateBoundary)\b([^>]*)\/?>/g)].map((m) => ({ file, name: m[1]!, attrs: m[2]! })));

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}=(?:"([^"]*)"|\\{([^}]*)\\})`).exec(attrs);

describe("domain-driven design widgets in the chapters", () => {
  it("are used, with props the widgets accept", () => {
    expect(uses.map((u) => u.name).sort()).toEqual(expect.arrayContaining(["AggregateBoundary", "ContextMapView"]));
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const u of uses) {
      if (u.name === "ContextMapView") {
        const initial = attr(u.attrs, "initial")?.[1];
        if (initial !== undefined && !(initial in relationshipKinds)) problems.push(`${u.file}: ContextMapView initial="${initial}" is not one of ${Object.keys(relationshipKinds).join(", ")}`);
      } else {
        const id = attr(u.attrs, "id")?.[1];
        if (!id) problems.push(`${u.file}: AggregateBoundary needs an id`);
        else if (ids.has(id)) problems.push(`${u.file}: AggregateBoundary id "${id}" is used twice`);
        else ids.add(id);
        const max = attr(u.attrs, "maxItems")?.[2];
        if (max !== undefined) {
          try {
            orderAggregateExercise(Number(max));
          } catch (error) {
            problems.push(`${u.file}: AggregateBoundary ${(error as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
