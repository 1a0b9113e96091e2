"use client";
/**
 * <SchemaEvolution>: the learner edits the Order event's schema in a small form (add a field with or
 * without a default, remove, rename with or without an alias, change a type, give or drop a default),
 * picks a registry compatibility level and reads whether new readers can read old data and old
 * readers new data, with the reason in words, the registry's verdict, which side upgrades first, and
 * every reader/writer pair the level checks as a table. Registering appends the version, so the
 * transitive levels have history to check. Logic in lib/schemas/ (Avro 1.11 resolution); native
 * inputs only, no animation.
 */
import { useId, useState, type ReactNode } from "react";
import { FIELD_TYPES, LEVELS, type CompatibilityLevel, type FieldType, type RecordSchema } from "@/lib/schemas/compatibility";
import { EDIT_KINDS, ORDER_V1, applyEvolution, describeEdit, directions, explain, isTransitive, registryVerdict, rolloutOrder, type EditKind, type EvolutionEdit } from "@/lib/schemas/evolution";
import { GeoFrame, quietButton } from "@/components/geo/widget-parts";

export interface SchemaEvolutionProps {
  /** The compatibility level selected first (default BACKWARD). */
  level?: CompatibilityLevel;
}

const control = "h-9 rounded-md border border-line bg-surface px-2 text-sm";

function Field({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

interface Version {
  schema: RecordSchema;
  change: string;
}

export function SchemaEvolution({ level: level0 = "BACKWARD" }: SchemaEvolutionProps) {
  const [versions, setVersions] = useState<Version[]>([{ schema: ORDER_V1, change: "first version" }]);
  const [level, setLevel] = useState<CompatibilityLevel>(level0);
  const [kind, setKind] = useState<EditKind>("add");
  const [target, setTarget] = useState("amountCents");
  const [name, setName] = useState("currency");
  const [type, setType] = useState<FieldType>("string");
  const [withDefault, setWithDefault] = useState(true);
  const [alias, setAlias] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { kind: useId(), target: useId(), name: useId(), type: useId(), level: useId() };

  const latest = versions.at(-1)!.schema;
  const n = versions.length;
  const fieldNames = latest.fields.map((f) => f.name);
  const tgt = fieldNames.includes(target) ? target : (fieldNames[0] ?? "");
  const tgtField = latest.fields.find((f) => f.name === tgt);

  let edit: EvolutionEdit | null = null;
  if (kind === "add") edit = { kind, field: { name: name.trim(), type, hasDefault: withDefault } };
  else if (tgt) {
    if (kind === "remove") edit = { kind, name: tgt };
    else if (kind === "rename") edit = { kind, name: tgt, to: name.trim(), alias };
    else if (kind === "change-type") edit = { kind, name: tgt, to: type };
    else edit = { kind, name: tgt, hasDefault: withDefault };
  }

  let candidate: RecordSchema | null = null;
  let error: string | null = edit ? null : "The record has no fields left to change: add one.";
  if (edit) {
    try {
      candidate = applyEvolution(latest, edit);
    } catch (e) {
      error = `Cannot ${describeEdit(edit)}: ${(e as Error).message}.`;
    }
  }
  const unchanged = candidate !== null && JSON.stringify(candidate) === JSON.stringify(latest);
  if (unchanged) error = `That changes nothing: "${tgt}" already ${kind === "change-type" ? `is ${type}` : withDefault ? "has a default" : "has no default"}.`;

  const dirs = candidate && !error ? directions(latest, candidate) : null;
  const verdict = candidate && !error ? registryVerdict(versions.map((v) => v.schema), candidate, level) : null;
  const next = `v${n + 1}`;
  const prev = `v${n}`;
  const summary = error
    ? error
    : `${describeEdit(edit!)[0]!.toUpperCase()}${describeEdit(edit!).slice(1)}: new readers (${next}) ${dirs!.newReadsOld.length ? "cannot" : "can"} read old data (${prev}); old readers (${prev}) ${dirs!.oldReadsNew.length ? "cannot" : "can"} read new data (${next}). Under ${level} the registry ${verdict!.compatible ? "accepts" : "refuses"} ${next}${level === "NONE" ? " without checking" : ""}.`;

  const register = () => {
    if (!candidate || error || !verdict?.compatible) return;
    setVersions([...versions, { schema: candidate, change: describeEdit(edit!) }]);
    setNotice(`Registered ${next}. The form now changes ${next}.`);
  };
  const reset = () => {
    setVersions([{ schema: ORDER_V1, change: "first version" }]);
    setNotice("Back to v1 only.");
  };

  const yesNo = (ok: boolean) => <span className={ok ? "font-semibold text-ok" : "font-semibold text-accent"}>{ok ? "Yes" : "No"}</span>;

  return (
    <GeoFrame title="Evolve the Order schema: who can still read what?" testId="schema-evolution">
      <div className="grid gap-3 md:grid-cols-2">
        <div className="min-w-0">
          <p className="mb-1 text-sm font-semibold">Latest registered: {prev}</p>
          <table className="w-full text-left text-xs" data-testid="schema-latest">
            <caption className="sr-only">Fields of {prev}, the latest registered version of the Order schema</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">field</th>
                <th scope="col" className="py-1 pr-2">type</th>
                <th scope="col" className="py-1">default / alias</th>
              </tr>
            </thead>
            <tbody>
              {latest.fields.map((f) => (
                <tr key={f.name} className="border-b border-line/60">
                  <td className="py-1 pr-2 font-mono">{f.name}</td>
                  <td className="py-1 pr-2 font-mono">{f.type}</td>
                  <td className="py-1">
                    {f.hasDefault ? "has a default" : "required"}
                    {f.aliases?.length ? `; alias ${f.aliases.join(", ")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="mt-2 list-none p-0 text-xs text-muted" data-testid="schema-versions" aria-label="Registered versions">
            {versions.map((v, i) => (
              <li key={i}>
                v{i + 1}: {v.change}
              </li>
            ))}
          </ul>
        </div>

        <div className="flex min-w-0 flex-col gap-2">
          <div className="grid grid-cols-1 gap-2 min-[420px]:grid-cols-2">
            <Field label="Change" id={ids.kind}>
              <select id={ids.kind} className={control} value={kind} onChange={(e) => setKind(e.target.value as EditKind)} data-testid="schema-kind">
                {EDIT_KINDS.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
            {kind !== "add" ? (
              <Field label="Field" id={ids.target}>
                <select id={ids.target} className={control} value={tgt} onChange={(e) => setTarget(e.target.value)} data-testid="schema-target">
                  {fieldNames.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {kind === "add" || kind === "rename" ? (
              <Field label={kind === "add" ? "New field's name" : "New name"} id={ids.name}>
                <input id={ids.name} className={`${control} font-mono`} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" data-testid="schema-name" />
              </Field>
            ) : null}
            {kind === "add" || kind === "change-type" ? (
              <Field label={kind === "add" ? "Type" : `New type (now ${tgtField?.type ?? "—"})`} id={ids.type}>
                <select id={ids.type} className={control} value={type} onChange={(e) => setType(e.target.value as FieldType)} data-testid="schema-type">
                  {FIELD_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
          </div>
          {kind === "add" || kind === "set-default" ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={withDefault} onChange={(e) => setWithDefault(e.target.checked)} data-testid="schema-default" />
              {kind === "add" ? "The new field has a default" : `"${tgt}" has a default`}
            </label>
          ) : null}
          {kind === "rename" ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={alias} onChange={(e) => setAlias(e.target.checked)} data-testid="schema-alias" />
              Keep the old name as an alias
            </label>
          ) : null}
          <Field label="Compatibility level" id={ids.level}>
            <select id={ids.level} className={control} value={level} onChange={(e) => setLevel(e.target.value as CompatibilityLevel)} data-testid="schema-level">
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>

      <div className="mt-3 rounded-lg border border-line p-3 text-sm">
        {error ? (
          <p className="text-accent" data-testid="schema-error">
            {error}
          </p>
        ) : (
          <>
            <p className="text-base font-semibold" data-testid="schema-verdict">
              {level === "NONE" ? `NONE: the registry accepts ${next} without checking.` : `${level}: the registry ${verdict!.compatible ? "accepts" : "refuses"} ${next}.`}
            </p>
            <dl className="mt-2 grid gap-1">
              <div data-testid="schema-new-reads-old">
                <dt className="inline font-medium">New readers ({next}) read old data ({prev})? </dt>
                <dd className="inline">
                  {yesNo(dirs!.newReadsOld.length === 0)}
                  {dirs!.newReadsOld.length ? `: ${explain(dirs!.newReadsOld).slice(4)}.` : "."}
                </dd>
              </div>
              <div data-testid="schema-old-reads-new">
                <dt className="inline font-medium">Old readers ({prev}) read new data ({next})? </dt>
                <dd className="inline">
                  {yesNo(dirs!.oldReadsNew.length === 0)}
                  {dirs!.oldReadsNew.length ? `: ${explain(dirs!.oldReadsNew).slice(4)}.` : "."}
                </dd>
              </div>
            </dl>
            <p className="mt-2" data-testid="schema-rollout">
              <span className="font-medium">Rollout under {level}: </span>
              {rolloutOrder(level)}
              {level !== "NONE" && !level.startsWith("FULL") && dirs!.newReadsOld.length === 0 && dirs!.oldReadsNew.length === 0 ? " This particular change reads both ways, so either order would work for it." : ""}
            </p>
          </>
        )}
      </div>

      {verdict && !error && verdict.checks.length > 0 ? (
        <table className="mt-3 w-full text-left text-xs" data-testid="schema-checks">
          <caption className="mb-1 text-left text-xs text-muted">
            Every pair {level} checks ({isTransitive(level) ? `the candidate against all ${n} registered versions` : `the candidate against ${prev} only`})
          </caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">reader</th>
              <th scope="col" className="py-1 pr-2">writer</th>
              <th scope="col" className="py-1 pr-2">reads?</th>
              <th scope="col" className="py-1">why</th>
            </tr>
          </thead>
          <tbody>
            {verdict.checks.map((c) => (
              <tr key={`${c.reader}-${c.writer}`} className="border-b border-line/60 align-top">
                <td className="py-1 pr-2">v{c.reader}</td>
                <td className="py-1 pr-2">v{c.writer}</td>
                <td className="py-1 pr-2">{yesNo(c.problems.length === 0)}</td>
                <td className="py-1">{c.problems.length === 0 ? "every field the reader expects is there or has a default, with a type it accepts" : c.problems.map((p) => p.message).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" className={`${quietButton} disabled:opacity-50`} onClick={register} disabled={!verdict?.compatible || !!error} data-testid="schema-register">
          Register {next}
        </button>
        <button type="button" className={`${quietButton} disabled:opacity-50`} onClick={reset} disabled={n === 1} data-testid="schema-reset">
          Start again from v1
        </button>
      </div>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="schema-summary">
        {notice ? `${notice} ` : ""}
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">Avro 1.11 schema resolution: a reader skips fields it does not know, fills a missing field from its own default, matches a renamed field only through the reader&apos;s aliases, and accepts int → long → float → double and string ↔ bytes. Levels as in the Confluent Schema Registry docs.</p>
    </GeoFrame>
  );
}
