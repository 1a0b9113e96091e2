/**
 * Dependency rules of four application architectures (layered, hexagonal, clean, onion), as pure
 * data and functions, for the `<DependencyDiagram>` widget and its tests.
 *
 * An architecture is a list of layers, ordered from the outside (or the top) in, classes placed in
 * those layers, and "A depends on B" edges between classes. Each style has a rule about which way
 * an edge may cross a layer boundary; `findViolations` checks every edge against the style's rule,
 * so moving a class across a boundary (`moveClass`) shows at once which dependencies it breaks.
 */

/** The four styles the widget draws. */
export type ArchitectureStyleId = "layered" | "hexagonal" | "clean" | "onion";

/** How the style is drawn: stacked horizontal bands (layered) or concentric rings. */
export type ArchitectureShape = "bands" | "rings";

/** A layer or ring. */
export interface ArchitectureLayer {
  id: string;
  name: string;
  /** One line on what belongs here, for the text alternative. */
  holds: string;
}

/** A class (or module) placed in a layer. */
export interface ArchitectureClass {
  id: string;
  name: string;
  layer: string;
  /**
   * Hexagonal only: third-party code an adapter wraps. Every other class in the outermost ring is
   * an adapter; adapters may use libraries, but not each other.
   */
  kind?: "library";
}

/** `from` depends on `to`: it imports, calls, extends or implements it. */
export interface ArchitectureDependency {
  from: string;
  to: string;
}

/** A whole architecture as the widget shows it. */
export interface Architecture {
  style: ArchitectureStyleId;
  name: string;
  shape: ArchitectureShape;
  /** Outermost (or top) first; the last one is the core (or the bottom). */
  layers: ArchitectureLayer[];
  classes: ArchitectureClass[];
  dependencies: ArchitectureDependency[];
}

/** Which rule an edge breaks. */
export type ViolationKind = "points-outward" | "points-up" | "skips-a-layer" | "adapter-to-adapter";

/** One dependency that breaks the style's rule, with a sentence a learner can read. */
export interface Violation {
  kind: ViolationKind;
  from: string;
  to: string;
  message: string;
}

/** The rule of each style, in one sentence (shown with the diagram and used in messages). */
export const styleRules: Record<ArchitectureStyleId, string> = {
  layered: "each layer may depend only on the layer directly below it (closed layers): never upwards, never skipping one",
  hexagonal: "the application (its ports and its core) depends on nothing outside the hexagon, and adapters reach each other only through the application's ports",
  clean: "the dependency rule says dependencies point inward: an inner circle never names anything in an outer one",
  onion: "dependencies point inward, and any outer ring may use any ring inside it, not only the next one",
};

/** Position of a layer: 0 is outermost (or top); higher is further in (or lower). */
function depthOf(architecture: Architecture, layerId: string): number {
  const depth = architecture.layers.findIndex((l) => l.id === layerId);
  if (depth < 0) throw new Error(`architecture "${architecture.style}" has no layer "${layerId}"`);
  return depth;
}

function classById(architecture: Architecture, id: string): ArchitectureClass {
  const found = architecture.classes.find((c) => c.id === id);
  if (!found) throw new Error(`architecture "${architecture.style}" has no class "${id}"`);
  return found;
}

const layerName = (a: Architecture, id: string) => a.layers[depthOf(a, id)]!.name;

/** The rule break of one dependency, or null when the edge is allowed. */
export function checkDependency(architecture: Architecture, dependency: ArchitectureDependency): Violation | null {
  const from = classById(architecture, dependency.from);
  const to = classById(architecture, dependency.to);
  const fromDepth = depthOf(architecture, from.layer);
  const toDepth = depthOf(architecture, to.layer);
  const edge = `${from.name} → ${to.name}`;
  const fromLayer = layerName(architecture, from.layer);
  const toLayer = layerName(architecture, to.layer);
  const make = (kind: ViolationKind, message: string): Violation => ({ kind, from: from.id, to: to.id, message });

  switch (architecture.style) {
    case "layered":
      if (toDepth < fromDepth) return make("points-up", `${fromLayer} now depends on ${toLayer} (${edge}): a layer may only depend on the layer below it, never on one above`);
      if (toDepth > fromDepth + 1) return make("skips-a-layer", `${fromLayer} now reaches past a layer into ${toLayer} (${edge}): closed layers may not be skipped`);
      return null;
    case "hexagonal":
      // Ports belong to the application: the core implements and calls them, they name its types.
      // Only the outermost ring (adapters and the libraries they wrap) is outside the hexagon.
      if (toDepth === 0 && fromDepth > 0) return make("points-outward", `${fromLayer} now depends on ${toLayer} (${edge}): nothing inside the hexagon may depend on anything outside it`);
      if (fromDepth === 0 && toDepth === 0 && from.kind !== "library" && to.kind !== "library") return make("adapter-to-adapter", `an adapter now calls another adapter directly (${edge}): adapters talk to each other only through the core's ports`);
      return null;
    case "clean":
      if (toDepth < fromDepth) return make("points-outward", `${fromLayer} now depends on ${toLayer} (${edge}): the dependency rule says dependencies point inward`);
      return null;
    case "onion":
      if (toDepth < fromDepth) return make("points-outward", `${fromLayer} now depends on ${toLayer} (${edge}): dependencies point towards the centre of the onion`);
      return null;
  }
}

/** Every dependency that breaks the style's rule, in the order the dependencies are listed. */
export function findViolations(architecture: Architecture): Violation[] {
  return architecture.dependencies.map((d) => checkDependency(architecture, d)).filter((v): v is Violation => v !== null);
}

/** The architecture with one class placed in another layer (a new object; the input is unchanged). */
export function moveClass(architecture: Architecture, classId: string, layerId: string): Architecture {
  classById(architecture, classId);
  depthOf(architecture, layerId);
  return { ...architecture, classes: architecture.classes.map((c) => (c.id === classId ? { ...c, layer: layerId } : c)) };
}

/** The rule breaks a move adds: violations present after it that were not present before. */
export function violationsAddedBy(before: Architecture, after: Architecture): Violation[] {
  const known = new Set(findViolations(before).map((v) => `${v.from}>${v.to}>${v.kind}`));
  return findViolations(after).filter((v) => !known.has(`${v.from}>${v.to}>${v.kind}`));
}

/** The sentence announced after a move: where the class went and what it broke or repaired. */
export function describeMove(before: Architecture, after: Architecture, classId: string): string {
  const moved = classById(after, classId);
  const from = layerName(before, classById(before, classId).layer);
  const to = layerName(after, moved.layer);
  if (from === to) return `${moved.name} stays in ${to}.`;
  const added = violationsAddedBy(before, after);
  const total = findViolations(after).length;
  const fixed = findViolations(before).length - (total - added.length);
  const head = `Moved ${moved.name} from ${from} to ${to}.`;
  if (added.length > 0) return `${head} It breaks ${added.length === 1 ? "a rule" : `${added.length} rules`}: ${added.map((v) => v.message).join("; ")}.`;
  if (fixed > 0) return `${head} That repairs ${fixed === 1 ? "a broken dependency" : `${fixed} broken dependencies`}${total ? `; ${total} still broken` : "; every dependency follows the rule again"}.`;
  return `${head} No rule is broken${total ? ` by this move (${total} still broken from earlier moves)` : ""}.`;
}
