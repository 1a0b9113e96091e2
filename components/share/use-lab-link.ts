"use client";
/** The link state of the lab this component is inside, built on demand from its controller. */
import { useCallback } from "react";
import { linkStateFromSnapshot } from "@/lib/share/lab-link";
import type { LabLinkState } from "@/lib/share/link-state";
import { useLab } from "@/components/lab/lab-context";

export function useLabLinkState(): () => LabLinkState {
  const lab = useLab();
  return useCallback(() => {
    const s = lab.store.getState();
    return linkStateFromSnapshot(lab.getSnapshot(), { title: s.title, expose: s.expose });
  }, [lab]);
}

/** Saves bytes or text as a file download. */
export function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
