/**
 * What a package delivers, independent of the package format: a title, the embedded labs (iframes
 * of the site's `/embed`, each a full lab state in the fragment), and the rule that completes it.
 * SCORM and cmi5 wrap the same activity (scorm.ts, cmi5.ts, launch-page.ts).
 */
import { initialEdits } from "@/lib/lab/edit-timeline";
import { assignmentLink, makeAssignment } from "@/lib/assignments/links";
import { encodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_VIEW, type LabLinkState } from "@/lib/share/link-state";
import type { Scenario } from "@/simulations";
import type { Catalog } from "./catalog";
import type { PackageTarget } from "./resolve-target";

/** The site the launch page embeds from when `--base` is not given. */
export const DEFAULT_BASE_URL = "http://localhost:3000";

/** One embedded lab on the launch page. */
export interface LaunchFrame {
  title: string;
  /** Absolute `/embed` URL with the lab state in the fragment (and, for a challenge, `?assignment=`). */
  src: string;
  /** The challenge this frame poses, when it poses one. */
  challengeId?: string;
}

export interface PackageActivity {
  kind: PackageTarget["kind"];
  /** The chapter id, preset id or challenge id. */
  id: string;
  title: string;
  description: string;
  /** Origin of the embeds; the launch page accepts events only from frames of this origin. */
  embedOrigin: string;
  /** The site (with any path prefix), no trailing slash. */
  baseUrl: string;
  frames: LaunchFrame[];
  /** Challenges whose goals decide "passed", with their number of goals. Empty: playing every lab completes it. */
  challenges: { id: string; title: string; goals: number }[];
}

/** Checks and normalises `--base`: an absolute http(s) URL without query or fragment. */
export function parseBaseUrl(text: string): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `--base must be an absolute URL such as https://faultline.example (got ${JSON.stringify(text)}).` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: `--base must use https or http (got ${url.protocol}).` };
  if (url.search || url.hash || url.username || url.password) return { ok: false, message: "--base must be the site's address without query, fragment or credentials." };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

function embedSrc(baseUrl: string, scenarioId: string, scenario: Scenario, title: string, expose: string[]): string {
  const state: LabLinkState = { scenarioId, title, scenario, expose, edits: initialEdits(scenario), seed: scenario.seed, timeMs: 0, view: DEFAULT_VIEW };
  return `${baseUrl}/embed#${encodeLabLink(state)}`;
}

/** The activity for a resolved target, embedding from `baseUrl` (already checked by parseBaseUrl). */
export function buildActivity(target: PackageTarget, catalog: Catalog, baseUrl: string): PackageActivity {
  const embedOrigin = new URL(baseUrl).origin;
  const common = { embedOrigin, baseUrl };
  const challengeFrame = (id: string): LaunchFrame => {
    const c = catalog.challenges.get(id)!;
    // An assignment link: the embed shows the goals with Check and Submit, and Submit posts the
    // `faultline:challenge-completed` event the launch page turns into a score.
    const assignment = makeAssignment({ title: c.title, scenarioId: c.presetId, scenario: c.scenario, goals: c.goals, expose: c.expose, challengeId: c.id });
    return { title: `Challenge: ${c.title}`, src: assignmentLink(baseUrl, assignment, c.scenario), challengeId: c.id };
  };
  const labFrame = (presetId: string): LaunchFrame => {
    const lab = catalog.labs.get(presetId)!;
    return { title: lab.title, src: embedSrc(baseUrl, lab.presetId, lab.scenario, lab.title, lab.expose) };
  };
  const challengeInfo = (id: string) => {
    const c = catalog.challenges.get(id)!;
    return { id: c.id, title: c.title, goals: c.goals.length };
  };
  switch (target.kind) {
    case "challenge": {
      const c = target.challenge;
      const goals = c.goals.length === 1 ? "one goal" : `${c.goals.length} goals`;
      return { ...common, kind: "challenge", id: c.id, title: c.title, description: `A Faultline challenge with ${goals}, checked against the simulated run.`, frames: [challengeFrame(c.id)], challenges: [challengeInfo(c.id)] };
    }
    case "lab": {
      const lab = target.lab;
      return { ...common, kind: "lab", id: lab.presetId, title: lab.title, description: lab.scenario.description ?? `A Faultline lab (${lab.presetId}).`, frames: [labFrame(lab.presetId)], challenges: [] };
    }
    case "chapter": {
      const ch = target.chapter;
      return { ...common, kind: "chapter", id: ch.id, title: ch.title, description: ch.summary, frames: [...ch.labs.map(labFrame), ...ch.challenges.map(challengeFrame)], challenges: ch.challenges.map(challengeInfo) };
    }
  }
}
