/**
 * Server-side builders for /teach (node:fs through the content repository and the presets): the
 * gallery index from the compiled chapters, and each item's lab as a share-link fragment, so the
 * browser embeds it without loading any preset. Import from server components and route handlers.
 */
import { content, type ContentRepository } from "@/lib/content/repository";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { describeGoal } from "@/lib/lab/goals";
import { loadPreset } from "@/lib/lab/presets";
import { encodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_VIEW, type LabLinkState } from "@/lib/share/link-state";
import type { Scenario } from "@/simulations";
import { buildGallery, type GalleryIndex, type GalleryItem } from "./gallery";

function presetOrNull(id: string): Scenario | null {
  try {
    return loadPreset(id);
  } catch {
    return null;
  }
}

/** The gallery of every live chapter, in course order. */
export async function buildGalleryIndex(repository: ContentRepository = content): Promise<GalleryIndex> {
  const chapters = [];
  for (const chapter of repository.getLiveChapters()) {
    const { outline, frontmatter } = await repository.compileChapter(chapter.id);
    chapters.push({ id: chapter.id, title: frontmatter.title, scenarios: outline.scenarios });
  }
  return buildGallery(
    chapters,
    (id) => {
      const scenario = presetOrNull(id);
      return scenario ? { title: scenario.title, description: scenario.description } : undefined;
    },
    describeGoal,
  );
}

/** The lab state an item opens with: its preset as shipped, its exposed controls, time 0. */
export function galleryLinkState(item: Pick<GalleryItem, "scenarioId" | "title" | "expose">, scenario: Scenario): LabLinkState {
  return { scenarioId: item.scenarioId, title: item.title, scenario, expose: [...item.expose], edits: initialEdits(scenario), seed: Math.max(0, scenario.seed), timeMs: 0, view: { ...DEFAULT_VIEW } };
}

/** Every item's lab as a link fragment (`2.…`), by item id; items whose preset does not load are left out. */
export function buildGalleryLinks(items: readonly GalleryItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const scenario = presetOrNull(item.scenarioId);
    if (scenario) out[item.id] = encodeLabLink(galleryLinkState(item, scenario));
  }
  return out;
}
