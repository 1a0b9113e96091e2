/**
 * Embed options: how an instructor wants a lab to appear inside their course page. They travel in
 * the query string of `/embed?…#<state>` so a snippet stays readable (`?readonly=1&hide=charts`),
 * and are parsed strictly: an unknown option or value is ignored with a note, never guessed.
 *
 * | query        | meaning |
 * |--------------|---------|
 * | `readonly=1` | nothing can be changed (no controls, no fault injection); playback still works |
 * | `controls=a.b,c.d` | show only these exposed controls |
 * | `lock=a.b`   | show these controls but disabled |
 * | `hide=charts,trace,controls` | panels to hide |
 * | `autoplay=1` | start playing (default: paused) |
 * | `loop=0-30000` | play this simulated time range (ms) over and over |
 * | `theme=light` or `dark` | colour scheme (default: the reader's system setting) |
 * | `start=30000` | open at this simulated time (ms) instead of the link's |
 * | `seed=42`    | run with this seed (0 to 4294967295) instead of the link's |
 */

export const EMBED_PANELS = ["charts", "trace", "controls"] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

export interface EmbedOptions {
  readOnly: boolean;
  /** Exposed controls to show; undefined shows all. */
  controls?: string[];
  /** Controls shown but locked. */
  locked: string[];
  hide: EmbedPanel[];
  autoplay: boolean;
  loop?: { fromMs: number; toMs: number };
  theme?: "light" | "dark";
  /** Simulated time (ms) the lab opens at; overrides the link's. */
  startMs?: number;
  /** Seed the lab runs with; overrides the link's. */
  seed?: number;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { readOnly: false, locked: [], hide: [], autoplay: false };

const PATH = /^[a-z0-9][a-z0-9-]{0,63}(\.[A-Za-z][A-Za-z0-9]{0,63}){1,3}$/;
const MAX_LOOP_MS = 1e9;
/** Largest start time accepted (the same bound as a parent's seek command). */
export const MAX_START_MS = 1e9;
/** Seeds are unsigned 32-bit integers (the engine's generator). */
export const MAX_SEED = 4294967295;

/** A whole number of at most 10 digits within `max`, or undefined (no sign, no decimals, no exponent). */
function wholeNumber(value: string, max: number): number | undefined {
  if (!/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

function pathList(value: string, notes: string[], name: string): string[] {
  const out: string[] = [];
  for (const part of value.split(",").slice(0, 64)) {
    if (!part) continue;
    if (PATH.test(part)) out.push(part);
    else notes.push(`${name}: "${part.slice(0, 40)}" is not a control path; ignored.`);
  }
  return [...new Set(out)];
}

const flag = (v: string) => v === "1" || v === "true" || v === "";

/** Parses the query string of an embed (with or without '?'). Never throws. */
export function parseEmbedQuery(search: string): { options: EmbedOptions; notes: string[] } {
  const notes: string[] = [];
  const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS, locked: [], hide: [] };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  } catch {
    return { options, notes: ["The embed options could not be read."] };
  }
  for (const [key, value] of params) {
    switch (key) {
      case "readonly":
        options.readOnly = flag(value);
        break;
      case "autoplay":
        options.autoplay = flag(value);
        break;
      case "controls":
        options.controls = pathList(value, notes, "controls");
        break;
      case "lock":
        options.locked = pathList(value, notes, "lock");
        break;
      case "hide":
        for (const panel of value.split(",")) {
          if ((EMBED_PANELS as readonly string[]).includes(panel)) {
            if (!options.hide.includes(panel as EmbedPanel)) options.hide.push(panel as EmbedPanel);
          } else if (panel) notes.push(`hide: "${panel.slice(0, 40)}" is not a panel (charts, trace, controls); ignored.`);
        }
        break;
      case "loop": {
        const m = /^(\d{1,10})-(\d{1,10})$/.exec(value);
        const fromMs = m ? Number(m[1]) : NaN;
        const toMs = m ? Math.min(MAX_LOOP_MS, Number(m[2])) : NaN;
        if (m && toMs > fromMs) options.loop = { fromMs, toMs };
        else notes.push(`loop: "${value.slice(0, 40)}" must be "<from ms>-<to ms>" with from < to; ignored.`);
        break;
      }
      case "theme":
        if (value === "light" || value === "dark") options.theme = value;
        else notes.push(`theme: "${value.slice(0, 40)}" must be light or dark; ignored.`);
        break;
      case "start": {
        const startMs = wholeNumber(value, MAX_START_MS);
        if (startMs !== undefined) options.startMs = startMs;
        else notes.push(`start: "${value.slice(0, 40)}" must be a whole number of milliseconds from 0 to ${MAX_START_MS}; ignored.`);
        break;
      }
      case "seed": {
        const seed = wholeNumber(value, MAX_SEED);
        if (seed !== undefined) options.seed = seed;
        else notes.push(`seed: "${value.slice(0, 40)}" must be a whole number from 0 to ${MAX_SEED}; ignored.`);
        break;
      }
      default:
        notes.push(`Unknown embed option "${key.slice(0, 40)}"; ignored.`);
    }
  }
  return { options, notes };
}

/** The query string (with '?', or "" when all defaults) for embed options. */
export function embedQuery(options: EmbedOptions): string {
  const params = new URLSearchParams();
  if (options.readOnly) params.set("readonly", "1");
  if (options.controls) params.set("controls", options.controls.join(","));
  if (options.locked.length) params.set("lock", options.locked.join(","));
  if (options.hide.length) params.set("hide", options.hide.join(","));
  if (options.autoplay) params.set("autoplay", "1");
  if (options.loop) params.set("loop", `${Math.round(options.loop.fromMs)}-${Math.round(options.loop.toMs)}`);
  if (options.theme) params.set("theme", options.theme);
  if (options.startMs !== undefined) params.set("start", String(Math.round(options.startMs)));
  if (options.seed !== undefined) params.set("seed", String(Math.round(options.seed)));
  const text = params.toString().replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}

/** Whether a control may be changed under the options. */
export function controlState(options: EmbedOptions, path: string): "shown" | "locked" | "hidden" {
  if (options.hide.includes("controls")) return "hidden";
  if (options.controls && !options.controls.includes(path)) return "hidden";
  if (options.readOnly || options.locked.includes(path)) return "locked";
  return "shown";
}

/** The iframe snippet an instructor pastes into a course page. Attribute values are escaped. */
export function iframeSnippet(src: string, title: string, heightPx: number): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="${Math.round(heightPx)}" style="border:0;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>`;
}

/**
 * The seed and start time an embed opens with: the options' when given (the start clamped to the
 * end of a timed run, `stopAtMs`), otherwise the link's own. Applied before the lab's first run, so
 * `seed=` changes the run itself, not a replay of another one.
 */
export function embedStart(options: EmbedOptions, link: { seed: number; timeMs: number }, stopAtMs: number): { seed: number; timeMs: number } {
  return {
    seed: options.seed ?? link.seed,
    timeMs: options.startMs !== undefined ? Math.min(options.startMs, Math.max(0, stopAtMs)) : link.timeMs,
  };
}
