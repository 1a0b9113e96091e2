/** mulberry32: a small seeded generator, so every corpus and point set here is the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["rice", "curry", "noodle", "chicken", "tofu", "green", "spicy", "soup", "beef", "salad", "mango", "garlic"];

/** A seeded corpus of `docs` short documents drawn from a 12-word vocabulary (Zipf-like: early words are commoner). */
export function randomCorpus(seed: number, docs = 12): string[] {
  const r = mulberry32(seed);
  const pick = () => WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * r() * r()))];
  return Array.from({ length: docs }, () => Array.from({ length: 1 + Math.floor(r() * 12) }, pick).join(" "));
}
