/**
 * A small text analyzer in the shape Lucene and Elasticsearch use: a tokenizer splits text into
 * words, then token filters run in order (lowercase, stop words, stemming). Each token keeps its
 * position, so a phrase query could check adjacency. Pure and deterministic; no dependencies.
 */

export interface AnalyzerOptions {
  lowercase: boolean;
  stopWords: boolean;
  stemming: boolean;
}

export const DEFAULT_ANALYZER: AnalyzerOptions = { lowercase: true, stopWords: true, stemming: true };

/** One token after every filter: its text and its position in the original word sequence. */
export interface Token {
  term: string;
  position: number;
}

/**
 * Lucene's default English stop set (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, which Elasticsearch's
 * `_english_` stop list also uses): 33 words.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
]);

/**
 * Splits on anything that is not a letter or a digit (a simplification of Unicode word-break rules
 * that the standard tokenizer follows: it also keeps "don't" and "3.5" whole).
 */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * Harman's "S" stemmer (1991), the rule set of Lucene's EnglishMinimalStemFilter: it only folds
 * plurals. "curries" → "curry", "noodles" → "noodle", "dishes" → "dishe"; "glass", "bus" and words
 * ending in "aies", "eies", "oes", "ees" or "aes" are left alone. Expects lower-case input.
 */
export function sStem(word: string): string {
  const n = word.length;
  if (n < 3 || word[n - 1] !== "s") return word;
  const before = word[n - 2];
  if (before === "u" || before === "s") return word;
  if (before === "e") {
    if (n > 3 && word[n - 3] === "i" && word[n - 4] !== "a" && word[n - 4] !== "e") return `${word.slice(0, n - 3)}y`;
    if ("iaoe".includes(word[n - 3])) return word;
  }
  return word.slice(0, n - 1);
}

/** The analyzer chain: tokenize, then lowercase, stop words and stemming when switched on. */
export function analyze(text: string, options: AnalyzerOptions = DEFAULT_ANALYZER): Token[] {
  const out: Token[] = [];
  tokenize(text).forEach((word, position) => {
    let term = options.lowercase ? word.toLowerCase() : word;
    // Like Lucene's StopFilter, the match is exact: without lowercasing first, "The" gets through.
    if (options.stopWords && ENGLISH_STOP_WORDS.has(term)) return;
    if (options.stemming) term = sStem(term);
    out.push({ term, position });
  });
  return out;
}
