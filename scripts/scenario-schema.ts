/** `npm run schema`: prints the JSON Schema of the scenario format (generated from the validator's definitions). */
import { scenarioJsonSchema } from "@/simulations";

process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
