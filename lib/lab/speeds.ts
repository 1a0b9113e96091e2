/** The playback speeds a lab offers (simulated seconds per real second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
