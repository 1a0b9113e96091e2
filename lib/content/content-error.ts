/**
 * The error every content problem is reported with. Its message always starts with the
 * file (relative to the project root) so a failed build points straight at the culprit:
 * `content/chapters/x.mdx: frontmatter.minutes must be a positive integer`.
 */
export class ContentError extends Error {
  constructor(
    /** Project-relative path of the offending file. */
    readonly file: string,
    /** One or more problems, each a short sentence without the file prefix. */
    readonly problems: readonly string[],
  ) {
    super(problems.map((problem) => `${file}: ${problem}`).join("\n"));
    this.name = "ContentError";
  }
}
