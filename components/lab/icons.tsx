/** Small inline icons (SVG, so they render the same with any font). Decorative: always beside text or a label. */
const common = { width: 14, height: 14, viewBox: "0 0 16 16", "aria-hidden": true, fill: "currentColor" } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...common}>
    <path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />
  </svg>
);
export const StepIcon = () => (
  <svg {...common}>
    <path d="M3 2.5v11l7-5.5zM11 2.5h2.5v11H11z" />
  </svg>
);
export const FastForwardIcon = () => (
  <svg {...common}>
    <path d="M1.5 3v10l6-5zM8 3v10l6-5z" />
  </svg>
);
export const ResetIcon = () => (
  <svg {...common} fill="none" stroke="currentColor" strokeWidth="1.8">
    <path d="M3 8a5 5 0 1 0 1.6-3.7M3 2.5v3h3" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
