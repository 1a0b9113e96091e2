/**
 * The theory the simulation is checked against: closed forms and approximations from queueing
 * theory, load balancing, caching, closed loops and resilience, plus the confidence intervals that
 * say how far a finite simulation may stray from them. Exported as `theory` from simulations/index.ts.
 */
export * from "./queueing";
export * from "./load-balancing";
export * from "./caching";
export * from "./closed-loop";
export * from "./resilience";
export * from "./confidence";
export * from "./communication";
