/**
 * Course packages (lib/packaging): the manifests are well-formed XML with valid identifiers and the
 * elements SCORM 1.2 and cmi5 require, hostile titles are escaped, the zip holds exactly the files,
 * and bad arguments get a message naming the problem and the closest ids.
 */
import { decodeAssignment, splitAssignmentLink } from "@/lib/assignments/assignment";
import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { buildActivity, parseBaseUrl, type PackageActivity } from "@/lib/packaging/activity";
import { buildPackage } from "@/lib/packaging/build-package";
import { readCatalog, type Catalog } from "@/lib/packaging/catalog";
import { cmi5CourseStructure } from "@/lib/packaging/cmi5";
import { parsePackageArgs } from "@/lib/packaging/cli-args";
import { parseLiteral } from "@/lib/content/tag-literal";
import { launchPageHtml } from "@/lib/packaging/launch-page";
import { closeMatches, resolveTarget } from "@/lib/packaging/resolve-target";
import { scormManifest } from "@/lib/packaging/scorm";
import { escapeXml, xmlId } from "@/lib/packaging/xml";
import { decodeLabLink } from "@/lib/share/lab-link";

/**
 * A strict little well-formedness check: one root, every tag closed in order, attributes quoted and
 * unique, only the five predefined entities or character references, no raw "<" or "&" in text.
 */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const checkText = (text: string) => {
    if (/[<>]/.test(text.replace(/&gt;/g, ""))) problems.push(`raw markup in text: ${JSON.stringify(text.slice(0, 40))}`);
    for (const amp of text.matchAll(/&([^;\s]*);?/g)) if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(amp[0])) problems.push(`bad entity ${amp[0]}`);
  };
  while ((m = tag.exec(body))) {
    checkText(body.slice(last, m.index));
    last = m.index + m[0].length;
    const [, close, name, attrs, selfClose] = m;
    const names = [...attrs!.matchAll(/([A-Za-z_][\w.:-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
    for (const value of attrs!.matchAll(/=\s*"([^"]*)"/g)) checkText(value[1]!);
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  checkText(body.slice(last));
  if (stack.length) problems.push(`unclosed ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const catalog: Catalog = readCatalog();
const hostileTitle = `Retries & "timeouts" <script>alert('x')</script>`;

function hostileActivity(challenges: PackageActivity["challenges"] = []): PackageActivity {
  return { kind: "lab", id: "queues/mm1-80", title: hostileTitle, description: "A <b>bold</b> & risky lab", embedOrigin: "https://faultline.example", baseUrl: "https://faultline.example", frames: [{ title: hostileTitle, src: "https://faultline.example/embed#2.abc" }], challenges };
}

describe("the content catalog", () => {
  it("reads chapters, their labs and challenges with goals from the MDX", () => {
    const challenge = catalog.challenges.get("protect-checkout")!;
    expect(challenge.presetId).toBe("bulkheads/shared-pool");
    expect(challenge.goals).toEqual([
      { metric: "nodes.checkout.successRatio", atLeast: 0.99 },
      { metric: "nodes.checkout.p99Ms", atMost: 300 },
      { metric: "nodes.browse.successRatio", atLeast: 0.95 },
    ]);
    expect(challenge.expose).toContain("recs-pool.maxConcurrent");
    const chapter = catalog.chapters.get("bulkheads-and-load-shedding")!;
    expect(chapter.challenges).toContain("protect-checkout");
    expect(chapter.labs[0]).toBe("bulkheads/shared-pool");
    // Every challenge has goals; every preset is a lab; a preset no chapter shows exposes its controls.
    expect(catalog.challenges.size).toBeGreaterThan(20);
    for (const c of catalog.challenges.values()) expect(c.goals.length, c.id).toBeGreaterThan(0);
    expect(catalog.labs.get("queues/mm1-80")?.scenario.nodes.length).toBeGreaterThan(1);
  });

  it("parses the literals chapters write, and refuses what is not a literal", () => {
    expect(parseLiteral(`[{ metric: "a.b", atMost: 1_000 }, { 'metric': 'c', atLeast: -0.5e1 }]`)).toEqual([{ metric: "a.b", atMost: 1000 }, { metric: "c", atLeast: -5 }]);
    expect(parseLiteral(`[true, false, null, "x\\"y"]`)).toEqual([true, false, null, 'x"y']);
    expect(() => parseLiteral(`{ __proto__: 1 }`)).toThrow(/refused key/);
    expect(() => parseLiteral(`alert(1)`)).toThrow(/unexpected/);
    expect(() => parseLiteral(`[1, 2`)).toThrow();
  });
});

describe("choosing what to package", () => {
  it("finds chapters, labs and challenges by id", () => {
    const r1 = resolveTarget("protect-checkout", catalog);
    expect(r1.ok && r1.target.kind).toBe("challenge");
    const r2 = resolveTarget("queues/mm1-80", catalog);
    expect(r2.ok && r2.target.kind).toBe("lab");
    const r3 = resolveTarget("chapter:circuit-breaker", catalog);
    expect(r3.ok && r3.target.kind).toBe("chapter");
  });

  it("names an unknown id and lists the closest ones", () => {
    const typo = resolveTarget("protect-chekout", catalog);
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.message).toMatch(/^No chapter, lab or challenge is called "protect-chekout"\. Did you mean: protect-checkout \(challenge\)/);
    const lab = resolveTarget("lab:queues/mm1-8", catalog);
    if (!lab.ok) expect(lab.message).toMatch(/No lab is called "queues\/mm1-8"\. Did you mean: queues\/mm1-80 \(lab\)/);
    else throw new Error("a typo resolved");
    const nothing = resolveTarget("zzzzzzzzzzzzzzzz", catalog);
    if (!nothing.ok) expect(nothing.message).toMatch(/live chapters/);
    expect(resolveTarget("  ", catalog).ok).toBe(false);
    expect(closeMatches("circuit-braker", ["circuit-breaker", "caching-strategies", "rate-limiters"])).toEqual(["circuit-breaker"]);
  });

  it("asks for a kind when an id names two things", () => {
    const twin: Catalog = { ...catalog, challenges: new Map([["queues/mm1-80", { ...catalog.challenges.get("protect-checkout")!, id: "queues/mm1-80" }]]) };
    const r = resolveTarget("queues/mm1-80", twin);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("write lab:queues/mm1-80 or challenge:queues/mm1-80");
  });

  it("checks the command line", () => {
    expect(parsePackageArgs(["scorm", "protect-checkout"])).toEqual({ ok: true, args: { format: "scorm12", target: "protect-checkout", baseUrl: "http://localhost:3000", outDir: "." } });
    expect(parsePackageArgs(["cmi5", "x", "--base=https://site.example/course/", "--out", "dist"])).toEqual({ ok: true, args: { format: "cmi5", target: "x", baseUrl: "https://site.example/course", outDir: "dist" } });
    const messages = [[], ["zip", "x"], ["scorm"], ["scorm", "a", "b"], ["scorm", "a", "--base"], ["scorm", "a", "--base", "javascript:alert(1)"], ["scorm", "a", "--base", "https://s.example/?q=1"], ["scorm", "a", "--fast"]].map((argv) => {
      const r = parsePackageArgs(argv);
      return r.ok ? "accepted" : r.message.split("\n")[0];
    });
    expect(messages).toEqual([
      "usage: npm run package -- <scorm|cmi5> <chapter|lab|challenge> [--base https://your-site] [--out dir]",
      'Unknown package format "zip": use scorm (SCORM 1.2) or cmi5.',
      "Name what to package after scorm: a chapter id, a lab (preset id) or a challenge id.",
      "One chapter, lab or challenge per package (got a, b).",
      "--base needs a value.",
      "--base must use https or http (got javascript:).",
      "--base must be the site's address without query, fragment or credentials.",
      "Unknown option --fast.",
    ]);
    expect(parseBaseUrl("not a url").ok).toBe(false);
  });
});

describe("the SCORM 1.2 manifest", () => {
  it("is well-formed, escapes titles and uses valid identifiers", () => {
    // The checker itself catches what it must.
    for (const bad of ["<a><b></a>", "<a>x & y</a>", '<a t="1" t="2"/>', "<a/><b/>", "<a>1 < 2</a>"]) expect(wellFormed(bad), bad).not.toEqual([]);
    const xml = scormManifest(hostileActivity());
    expect(wellFormed(xml)).toEqual([]);
    expect(xml).toContain("<title>Retries &amp; &quot;timeouts&quot; &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;</title>");
    const ids = [...xml.matchAll(/\s(?:identifier|identifierref|default)="([^"]*)"/g)].map((m) => m[1]!);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][\w.-]*$/);
    expect(ids).toContain("faultline-lab-queues-mm1-80");
  });

  it("has the elements an LMS needs: schema 1.2, a default organization, one SCO item pointing at the launch page", () => {
    const xml = scormManifest(buildActivity({ kind: "challenge", challenge: catalog.challenges.get("protect-checkout")! }, catalog, "http://localhost:3000"));
    expect(wellFormed(xml)).toEqual([]);
    expect(xml).toMatch(/<manifest identifier="[^"]+" version="1\.0"\s+xmlns="http:\/\/www\.imsproject\.org\/xsd\/imscp_rootv1p1p2"\s+xmlns:adlcp="http:\/\/www\.adlnet\.org\/xsd\/adlcp_rootv1p2">/);
    expect(xml).toContain("<schema>ADL SCORM</schema>");
    expect(xml).toContain("<schemaversion>1.2</schemaversion>");
    const orgDefault = /<organizations default="([^"]+)">/.exec(xml)![1];
    expect(xml).toContain(`<organization identifier="${orgDefault}">`);
    const ref = /<item identifier="[^"]+" identifierref="([^"]+)"/.exec(xml)![1];
    expect(xml).toMatch(new RegExp(`<resource identifier="${ref}" type="webcontent" adlcp:scormtype="sco" href="index.html">`));
    expect(xml).toContain('<file href="index.html"/>');
  });

  it("turns any text into an XML name and escapes every special character", () => {
    expect(xmlId("queues/mm1-80")).toBe("queues-mm1-80");
    expect(xmlId("42 things")).toBe("id-42-things");
    expect(escapeXml(`a\u0001<&>"'`)).toBe("a&lt;&amp;&gt;&quot;&apos;");
  });
});

describe("the cmi5 course structure", () => {
  it("is well-formed, with IRIs as ids, the launch page as the AU url and moveOn by kind", () => {
    const lab = cmi5CourseStructure(hostileActivity());
    expect(wellFormed(lab)).toEqual([]);
    expect(lab).toContain('<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">');
    expect(lab).toContain('<course id="https://faultline.example/cmi5/lab/queues/mm1-80">');
    expect(lab).toContain('<au id="https://faultline.example/cmi5/lab/queues/mm1-80/au" moveOn="Completed" launchMethod="AnyWindow">');
    expect(lab).toContain("<url>index.html</url>");
    expect(lab).toContain('<langstring lang="en-US">Retries &amp; &quot;timeouts&quot;');
    expect(cmi5CourseStructure(hostileActivity([{ id: "c", title: "C", goals: 2 }]))).toContain('moveOn="Passed"');
  });
});

describe("the package", () => {
  it("zips exactly the manifest and the launch page, byte-identical for the same input", () => {
    const activity = buildActivity({ kind: "challenge", challenge: catalog.challenges.get("protect-checkout")! }, catalog, "https://faultline.example");
    const scorm = buildPackage(activity, "scorm12");
    expect(scorm.fileName).toBe("faultline-scorm12-challenge-protect-checkout.zip");
    const files = unzipSync(scorm.zip);
    expect(Object.keys(files).sort()).toEqual(["imsmanifest.xml", "index.html"]);
    expect(strFromU8(files["index.html"]!)).toBe(scorm.files["index.html"]);
    expect(buildPackage(activity, "scorm12").zip).toEqual(scorm.zip);
    expect(Object.keys(unzipSync(buildPackage(activity, "cmi5").zip)).sort()).toEqual(["cmi5.xml", "index.html"]);
  });

  it("embeds the lab state the chapter shows, from the site at --base", () => {
    const activity = buildActivity({ kind: "challenge", challenge: catalog.challenges.get("protect-checkout")! }, catalog, "https://faultline.example/course");
    const src = activity.frames[0]!.src;
    expect(src.startsWith("https://faultline.example/course/embed?assignment=")).toBe(true);
    // The challenge is posed as an assignment, so the embed shows its goals and posts its events.
    const parts = splitAssignmentLink(src);
    expect(parts.ok).toBe(true);
    const assignment = parts.ok ? decodeAssignment(parts.value.assignment!) : null;
    expect(assignment?.ok && assignment.value).toMatchObject({ challengeId: "protect-checkout", scenarioId: "bulkheads/shared-pool", goals: catalog.challenges.get("protect-checkout")!.goals, expose: catalog.challenges.get("protect-checkout")!.expose });
    const decoded = decodeLabLink(src.slice(src.indexOf("#")));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.state.scenarioId).toBe("bulkheads/shared-pool");
      expect(decoded.state.expose).toEqual(catalog.challenges.get("protect-checkout")!.expose);
    }
    expect(activity.embedOrigin).toBe("https://faultline.example");
    expect(activity.challenges).toEqual([{ id: "protect-checkout", title: "Checkout must survive slow recommendations", goals: 3 }]);
  });

  it("escapes titles in the launch page and keeps its config inert", () => {
    const html = launchPageHtml(hostileActivity([{ id: "c</script><script>x()", title: hostileTitle, goals: 1 }]), "scorm12");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("<h1>Retries &amp; &quot;timeouts&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>");
    const config = /<script type="application\/json" id="faultline-config">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(config).challenges[0].id).toBe("c</script><script>x()");
    expect(html.match(/<script/g)!.length).toBe(2);
  });
});
