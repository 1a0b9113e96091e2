/**
 * The schema-evolution widget MDX may use (content/README.md, "Interactive widgets"): a server
 * component that checks its prop (a bad one fails the build naming the component and prop) and
 * renders a lazily hydrated island (components/schemas).
 */
import { SchemaEvolutionIsland } from "@/components/schemas/islands";
import { LEVELS, type CompatibilityLevel } from "@/lib/schemas/compatibility";

export interface SchemaEvolutionMdxProps {
  /** The compatibility level selected first (default "BACKWARD"). */
  level?: CompatibilityLevel;
}

/** The Order schema edited in a form, checked by reader/writer resolution under a registry level. */
export function SchemaEvolution({ level }: SchemaEvolutionMdxProps) {
  if (level !== undefined && !(LEVELS as readonly unknown[]).includes(level)) throw new Error(`<SchemaEvolution> level must be one of ${LEVELS.map((l) => `"${l}"`).join(", ")} (got ${JSON.stringify(level)})`);
  return <SchemaEvolutionIsland level={level ?? "BACKWARD"} />;
}
