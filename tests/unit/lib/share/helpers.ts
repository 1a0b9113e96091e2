import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Scenario } from "@/simulations";

export const root = path.resolve(import.meta.dirname, "../../../..");

export function preset(id: string): Scenario {
  return JSON.parse(readFileSync(path.join(root, "content/scenarios", `${id}.json`), "utf8")) as Scenario;
}

export interface LinkFixture {
  file: string;
  description: string;
  version: number;
  link: string;
  expect: { state: unknown; notes: string[] };
}

export function linkFixtures(): LinkFixture[] {
  const dir = path.join(root, "tests/fixtures/share-links");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((file) => ({ file, ...(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Omit<LinkFixture, "file">) }));
}
