"use client";
/**
 * The keyboard fault menu of a node: opens on Enter (or click), arrow keys move between items,
 * Escape closes and returns focus to the node.
 */
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useLab } from "../lab-context";

export function NodeFaultMenu({ nodeId, crashed, onClose }: { nodeId: string; crashed: boolean; onClose: () => void }) {
  const lab = useLab();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, []);

  const items: { label: string; run: () => void }[] = [
    crashed ? { label: "Recover", run: () => lab.recover(nodeId) } : { label: "Crash", run: () => lab.injectFault({ kind: "crash", target: nodeId }) },
    { label: "Add 50 ms latency", run: () => lab.injectFault({ kind: "latency", target: nodeId, addMs: 50 }) },
    { label: "Fail 50% of requests", run: () => lab.injectFault({ kind: "errors", target: nodeId, rate: 0.5 }) },
    { label: "Clear faults", run: () => lab.recover(nodeId) },
    { label: "More fault options…", run: () => lab.setView({ panel: "faults" }) },
  ];

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = (index + (event.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === "Tab") {
      onClose();
    }
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={`Faults for ${nodeId}`}
      onKeyDown={onKeyDown}
      className="nodrag nopan nowheel absolute left-0 top-full z-10 mt-1 w-[190px] rounded-md border border-line bg-surface p-1 text-[12px] shadow-lg"
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className="block w-full rounded px-2 py-1.5 text-left hover:bg-sunken focus:bg-accent-soft focus:outline-none"
          onClick={(event) => {
            event.stopPropagation();
            item.run();
            if (item.label !== "More fault options…") onClose();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
