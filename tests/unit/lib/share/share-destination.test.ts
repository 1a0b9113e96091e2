import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLabLink } from "@/lib/share/lab-link";
import { courseHref, shareDestination, SHARED_FRAGMENT, type LabLocations } from "@/lib/share/share-destination";
import { buildLabLocations } from "@/lib/content/lab-locations";

const locations: LabLocations = {
  labs: {
    "load-balancing/round-robin": { chapterId: "load-balancing-algorithms", chapterTitle: "Load balancing", sectionId: "round-robin", sectionTitle: "Round robin", excerpt: "…" },
  },
  groups: { "load-balancing": { chapterId: "load-balancing-algorithms", chapterTitle: "Load balancing", summary: "Spread requests." } },
};

describe("share destination", () => {
  it("opens a chapter lab in its chapter, with the link in the fragment", () => {
    const d = shareDestination("load-balancing/round-robin", "2.abc", locations);
    expect(d).toMatchObject({ kind: "chapter", href: "/learn/load-balancing-algorithms#2.abc" });
    expect(courseHref("load-balancing/round-robin", locations)).toBe("/learn/load-balancing-algorithms#round-robin");
  });

  it("opens a preset no chapter shows on the focused page with its group's chapter", () => {
    expect(shareDestination("load-balancing/crash-behind-lb", "2.abc", locations)).toEqual({ kind: "focused", chapter: locations.groups["load-balancing"] });
    expect(courseHref("load-balancing/crash-behind-lb", locations)).toBe("/learn/load-balancing-algorithms");
  });

  it("opens playground designs and unknown ids on the focused page alone; inherited keys are not ids", () => {
    expect(shareDestination("playground", "2.abc", locations)).toEqual({ kind: "focused", chapter: null });
    expect(shareDestination("constructor", "2.abc", locations)).toEqual({ kind: "focused", chapter: null });
    expect(shareDestination("__proto__/x", "2.abc", locations)).toEqual({ kind: "focused", chapter: null });
    expect(courseHref("shared", locations)).toBe("/learn");
  });

  it("recognises link fragments and nothing else", () => {
    expect(SHARED_FRAGMENT.exec("#2.eJx-_a")?.[1]).toBe("2.eJx-_a");
    expect(SHARED_FRAGMENT.test("#round-robin")).toBe(false);
    expect(SHARED_FRAGMENT.test("#2.a b")).toBe(false);
  });

  it("every published link fixture has a destination, and chapter labs of the real content are found", async () => {
    const real = await buildLabLocations();
    expect(Object.keys(real.labs).length).toBeGreaterThan(20);
    const dir = path.join(process.cwd(), "tests/fixtures/share-links");
    for (const file of fs.readdirSync(dir)) {
      const fixture = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { link: string };
      const decoded = decodeLabLink(fixture.link);
      expect(decoded.ok, file).toBe(true);
      if (!decoded.ok) continue;
      const d = shareDestination(decoded.state.scenarioId, fixture.link, real);
      if (d.kind === "chapter") expect(d.href).toBe(`/learn/${d.location.chapterId}#${fixture.link}`);
    }
  }, 60_000);
});
