"use client";
/** The side panel of the playground: the selected node's fields, from its kind's schema, with the validator's messages. */
import { useState } from "react";
import { nodeKinds, type Issue, type NodeSpec } from "@/simulations";
import { labelWithUnit } from "@/lib/lab/controls";

type AnySchema = { type: string; meta: { title?: string; unit?: string }; fields?: Record<string, AnySchema>; optional?: readonly string[]; values?: readonly string[] };

function JsonField({ label, value, onChange }: { label: string; value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(JSON.stringify(value ?? null));
  const [bad, setBad] = useState(false);
  return (
    <label className="block text-xs">
      {label} <span className="text-faint">(JSON)</span>
      <input
        className={`mt-0.5 block w-full rounded border bg-surface px-1.5 py-1 font-mono ${bad ? "border-warn" : "border-line"}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(e.target.value.trim() === "" ? undefined : JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
    </label>
  );
}

export function NodeInspector({ node, issues, onChange, onDelete }: { node: NodeSpec; issues: Issue[]; onChange: (n: NodeSpec) => void; onDelete: () => void }) {
  const schema = nodeKinds[node.kind]?.schema as unknown as AnySchema | undefined;
  const fields = Object.entries(schema?.fields ?? {}).filter(([f]) => f !== "kind");
  const set = (field: string, value: unknown) => {
    const next = { ...node } as NodeSpec;
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  return (
    <div className="space-y-3" data-testid="node-inspector">
      <div className="flex items-center gap-2">
        <h2 className="font-semibold">
          {node.id} <span className="text-xs font-normal text-muted">({node.kind})</span>
        </h2>
        <button type="button" className="ml-auto rounded border border-line px-2 py-0.5 text-xs" onClick={onDelete} data-testid="delete-node">
          Delete
        </button>
      </div>
      {issues.length > 0 && (
        <ul className="space-y-1 rounded border border-line bg-warn-soft p-2 text-xs" aria-label="Problems with this node" data-testid="node-issues">
          {issues.map((i, k) => (
            <li key={k}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {fields.map(([field, f]) => {
        const label = `${labelWithUnit(f.meta.title ?? field, f.meta.unit)}${schema?.optional?.includes(field) ? "" : " *"}`;
        const value = node[field];
        if (field === "id")
          return (
            <label key={field} className="block text-xs">
              Id *
              <input className="mt-0.5 block w-full rounded border border-line bg-surface px-1.5 py-1 font-mono" value={String(value ?? "")} onChange={(e) => set("id", e.target.value)} data-testid="field-id" />
            </label>
          );
        if (f.type === "number" && (typeof value === "number" || value === undefined || value === null))
          return (
            <label key={field} className="block text-xs">
              {label}
              <input
                type="number"
                className="mt-0.5 block w-full rounded border border-line bg-surface px-1.5 py-1"
                value={typeof value === "number" ? value : ""}
                placeholder={value === null ? "none" : ""}
                onChange={(e) => set(field, e.target.value === "" ? undefined : Number(e.target.value))}
                data-testid={`field-${field}`}
              />
            </label>
          );
        if (f.type === "enum" && f.values)
          return (
            <label key={field} className="block text-xs">
              {label}
              <select className="mt-0.5 block w-full rounded border border-line bg-surface px-1 py-1" value={typeof value === "string" ? value : ""} onChange={(e) => set(field, e.target.value || undefined)} data-testid={`field-${field}`}>
                <option value="">(default)</option>
                {f.values.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            </label>
          );
        return <JsonField key={`${node.id}-${field}`} label={label} value={value} onChange={(v) => set(field, v)} />;
      })}
    </div>
  );
}
