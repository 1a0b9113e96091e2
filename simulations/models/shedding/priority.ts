/**
 * Request criticality, as in Google's SRE book: every request is labelled at the edge with how much it
 * matters, and an overloaded server sheds the least critical first. The label travels with the request
 * as `request.priority`, a rank: 0 `critical` (the default, what unlabelled traffic carries),
 * 1 `sheddable-plus`, 2 `sheddable`. Higher rank = shed sooner.
 */
export const PRIORITY_NAMES = ["critical", "sheddable-plus", "sheddable"] as const;
export type PriorityName = (typeof PRIORITY_NAMES)[number];

/** The rank of a criticality name. */
export function priorityRank(name: PriorityName): number {
  return PRIORITY_NAMES.indexOf(name);
}

/** An answer `ok` with this reason was served by a fallback: a success, but degraded. */
export const DEGRADED = "degraded";
