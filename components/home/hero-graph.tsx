/**
 * Decorative drawing for the home page: traffic flowing through a load balancer to three
 * servers, one of them failing. Requests move along the edges unless the learner prefers
 * reduced motion (then the dots rest on the edges and the picture still reads).
 */
export function HeroGraph() {
  const edges = [
    { id: "in", d: "M70 160 H170" },
    { id: "a", d: "M230 160 C280 160 280 70 330 70" },
    { id: "b", d: "M230 160 H330" },
    { id: "c", d: "M230 160 C280 160 280 250 330 250" },
  ];
  return (
    <svg viewBox="0 0 440 320" className="h-auto w-full" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="hero-grid" width="20" height="20" patternUnits="userSpaceOnUse">
          <circle cx="1" cy="1" r="1" className="fill-line" />
        </pattern>
      </defs>
      <rect x="0" y="0" width="440" height="320" rx="24" fill="url(#hero-grid)" />
      {edges.map((edge) => (
        <path key={edge.id} id={`hero-edge-${edge.id}`} d={edge.d} fill="none" className="stroke-line" strokeWidth="2.5" />
      ))}
      {/* requests in flight */}
      {[
        { edge: "in", begin: "0s" },
        { edge: "in", begin: "-0.6s" },
        { edge: "in", begin: "-1.2s" },
        { edge: "a", begin: "-0.3s" },
        { edge: "b", begin: "-0.9s" },
        { edge: "a", begin: "-1.5s" },
        { edge: "b", begin: "-2.1s" },
      ].map((dot, i) => (
        <circle key={i} r="4.5" className="fill-accent hero-dot">
          <animateMotion dur="1.8s" begin={dot.begin} repeatCount="indefinite" rotate="auto">
            <mpath href={`#hero-edge-${dot.edge}`} />
          </animateMotion>
        </circle>
      ))}
      {/* the failing path: requests pile up before the broken server */}
      <g className="fill-accent">
        <circle cx="300" cy="236" r="4.5" opacity="0.9" />
        <circle cx="289" cy="228" r="4.5" opacity="0.7" />
        <circle cx="281" cy="218" r="4.5" opacity="0.5" />
      </g>
      <Node x={20} y={135} w={50} label="users" />
      <Node x={170} y={135} w={60} label="LB" strong />
      <Node x={330} y={45} w={90} label="api-1" meter={0.62} />
      <Node x={330} y={135} w={90} label="api-2" meter={0.71} />
      <Node x={330} y={225} w={90} label="api-3" meter={1} failing />
      <path d="M355 212 l7 -10 l-3 8 h6 l-7 10 l3 -8 z" className="fill-accent" />
    </svg>
  );
}

function Node({ x, y, w, label, strong, meter, failing }: { x: number; y: number; w: number; label: string; strong?: boolean; meter?: number; failing?: boolean }) {
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={w}
        height="50"
        rx="12"
        className={failing ? "fill-accent-soft stroke-accent" : strong ? "fill-fg stroke-fg" : "fill-surface stroke-line"}
        strokeWidth="2"
        strokeDasharray={failing ? "5 4" : undefined}
      />
      <text
        x={x + w / 2}
        y={meter === undefined ? y + 30 : y + 24}
        textAnchor="middle"
        className={`font-mono text-[13px] ${strong ? "fill-bg" : failing ? "fill-accent" : "fill-fg"}`}
      >
        {label}
      </text>
      {meter !== undefined ? (
        <g>
          <rect x={x + 14} y={y + 33} width={w - 28} height="5" rx="2.5" className="fill-sunken" />
          <rect x={x + 14} y={y + 33} width={(w - 28) * meter} height="5" rx="2.5" className={failing ? "fill-accent" : "fill-ok"} />
        </g>
      ) : null}
    </g>
  );
}
