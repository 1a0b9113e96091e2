"use client";
/** "Back to the course": the chapter of the lab being looked at (a shared link's or a template's), else /learn. */
import Link from "next/link";
import { useEffect, useState } from "react";
import { courseHref, SHARED_FRAGMENT, type LabLocations } from "@/lib/share/share-destination";

export function BackToCourse({ locations, presetId }: { locations: LabLocations; presetId: string | null }) {
  const [href, setHref] = useState(presetId ? courseHref(presetId, locations) : "/learn");
  useEffect(() => {
    const match = SHARED_FRAGMENT.exec(window.location.hash);
    if (!match) return;
    import("@/lib/share/lab-link").then(({ decodeLabLink }) => {
      const result = decodeLabLink(match[1]);
      if (result.ok) setHref(courseHref(result.state.scenarioId, locations));
    });
  }, [locations]);
  return (
    <Link href={href} className="text-muted underline-offset-2 hover:underline" data-testid="back-to-course">
      {href === "/learn" ? "Back to the course" : "Back to the chapter"}
    </Link>
  );
}
