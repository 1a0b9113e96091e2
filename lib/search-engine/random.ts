import { seededRandom as mulberry32 } from "@/lib/random/seeded";

export { mulberry32 };
/** mulberry32: a small seeded generator, so every corpus and point set here is the same on every run. */

const WORDS = ["rice", "curry", "noodle", "chicken", "tofu", "green", "spicy", "soup", "beef", "salad", "mango", "garlic"];

/** A seeded corpus of `docs` short documents drawn from a 12-word vocabulary (Zipf-like: early words are commoner). */
export function randomCorpus(seed: number, docs = 12): string[] {
  const r = mulberry32(seed);
  const pick = () => WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * r() * r()))];
  return Array.from({ length: docs }, () => Array.from({ length: 1 + Math.floor(r() * 12) }, pick).join(" "));
}
