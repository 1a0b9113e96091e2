"use client";
/**
 * Sends `/learn/<chapter>#<pattern-id>` on to the chapter that now holds that pattern, when this
 * page has no such anchor (the pattern moved in a chapter split). Renders nothing; see
 * lib/content/pattern-redirect.ts.
 */
import { useEffect } from "react";
import { redirectForHash } from "@/lib/content/pattern-redirect";

export function PatternHashRedirect({ chapterId, homes }: { chapterId: string; homes: Record<string, string> }) {
  useEffect(() => {
    const check = () => {
      const target = redirectForHash(window.location.hash, chapterId, homes, (id) => document.getElementById(id) !== null);
      if (target) window.location.replace(target);
    };
    check();
    window.addEventListener("hashchange", check);
    return () => window.removeEventListener("hashchange", check);
  }, [chapterId, homes]);
  return null;
}
