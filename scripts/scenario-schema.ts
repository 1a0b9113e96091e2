/**
 * `npm run schema`: prints the JSON Schema of the scenario format (generated from the validator's
 * definitions); `npm run schema -- --markdown` prints the reference of node and fault kinds instead.
 */
import { scenarioJsonSchema, scenarioReference } from "@/simulations";

if (process.argv.includes("--markdown")) process.stdout.write(scenarioReference());
else process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
