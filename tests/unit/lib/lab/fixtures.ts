import fs from "node:fs";
import path from "node:path";
import type { Scenario } from "@/simulations";

/** Reads a preset from content/scenarios (the same files the labs load). */
export function preset(id: string): Scenario {
  return JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../../content/scenarios", `${id}.json`), "utf8")) as Scenario;
}
