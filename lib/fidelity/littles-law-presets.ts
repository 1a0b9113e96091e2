/**
 * Little's law over every preset in content/scenarios (server only: reads the preset files). Each
 * preset runs for at most {@link LITTLE_HORIZON_MS} past its warm-up, which bounds the build time;
 * the law holds on any horizon, so a shorter run loses nothing but boundary share.
 */
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { checkLittlesLaw, type LittlesLawCheck } from "./littles-law";

export const LITTLE_HORIZON_MS = 10_000;

export interface PresetLittlesLaw extends LittlesLawCheck {
  id: string;
}

/** Checks every preset (a few seconds of CPU). */
export function littlesLawOnPresets(horizonMs = LITTLE_HORIZON_MS): PresetLittlesLaw[] {
  return listPresetIds().map((id) => ({ id, ...checkLittlesLaw(loadPreset(id)!, horizonMs) }));
}
