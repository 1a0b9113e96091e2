/**
 * The link from a gallery item to the assignment page (`/teach/assign`, built by the assignments
 * work of issue 18): the preset it runs and, for a challenge, the challenge whose goals it pins.
 */
import type { GalleryItem } from "./gallery";

/** `/teach/assign?scenario=<preset>&challenge=<challenge id>` (no `challenge` for labs and predictions). */
export function assignmentHref(item: Pick<GalleryItem, "scenarioId" | "challengeId">): string {
  const params = new URLSearchParams({ scenario: item.scenarioId });
  if (item.challengeId) params.set("challenge", item.challengeId);
  return `/teach/assign?${params.toString().replace(/%2F/g, "/")}`;
}
