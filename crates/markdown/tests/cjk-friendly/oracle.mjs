// Records what the CommonMark CJK-friendly amendments' reference implementation makes of the
// amendments' own test paragraphs, for crates/markdown/tests/cjk_friendly.rs.
//
//   node crates/markdown/tests/cjk-friendly/oracle.mjs ../shared/conformance/cjk-friendly \
//     > crates/markdown/tests/cjk-friendly/golden.json
//
// It installs the pinned versions below into a fresh temporary folder with npm (network
// needed, nothing written into the repository), renders each case (each blank-line-separated
// paragraph of the folder's .md files) with markdown-it + markdown-it-cjk-friendly, and prints
// the golden file: each case's file, Markdown and reference HTML. The Rust test compares only
// the emphasis structure (<strong>, <em>, <del>/<s> and the text, whitespace aside). Nothing
// runs this at build or test time; review the diff of golden.json before committing it.
//
//   node crates/markdown/tests/cjk-friendly/oracle.mjs --ranges
//
// prints instead the table of CJK characters in crates/markdown/src/cjk_emphasis.rs
// (`CJK_RANGES`), from the East Asian Width data the reference uses (npm get-east-asian-width)
// and Node's emoji data: compare it with the table when either is updated.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const PACKAGES = { "markdown-it": "15.0.3", "markdown-it-cjk-friendly": "3.0.0" };

const casesDir = process.argv[2];
if (!casesDir) {
  console.error("usage: node oracle.mjs CASES_DIR > golden.json | node oracle.mjs --ranges");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "clinote-cjk-oracle-"));
try {
  execFileSync(
    "npm",
    ["install", "--prefix", dir, "--no-audit", "--no-fund", "--silent",
      ...Object.entries(PACKAGES).map(([name, v]) => `${name}@${v}`)],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const require = createRequire(join(dir, "package.json"));
  const load = async (name) => (await import(pathToFileURL(require.resolve(name)).href)).default;
  if (casesDir === "--ranges") {
    const { eastAsianWidthType } = await import(pathToFileURL(
      createRequire(require.resolve("markdown-it-cjk-friendly")).resolve("get-east-asian-width")).href);
    printRanges(eastAsianWidthType);
    process.exit(0);
  }
  const MarkdownIt = await load("markdown-it");
  const cjkFriendly = await load("markdown-it-cjk-friendly");
  // The default preset: CommonMark plus GFM strikethrough (`~~`), as clinote enables.
  const md = MarkdownIt().use(cjkFriendly);

  const cases = [];
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith(".md")).sort()) {
    const text = readFileSync(join(casesDir, file), "utf8");
    for (const para of text.split(/\n[ \t]*\n/)) {
      const markdown = para.replace(/^\n+|\n+$/g, "");
      if (markdown.trim() === "") continue;
      cases.push({ file, markdown, html: md.render(markdown) });
    }
  }
  const installed = Object.fromEntries(
    Object.keys(PACKAGES).map((name) => [name, JSON.parse(
      readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version]),
  );
  const golden = {
    about: "Reference HTML of the CommonMark CJK-friendly amendments' test paragraphs "
      + "(tats-u/markdown-cjk-friendly testcases/), made by oracle.mjs beside this file.",
    reference: installed,
    cases,
  };
  process.stdout.write(JSON.stringify(golden, null, 1) + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The amendments' CJK characters: East Asian Width F, H or W without Emoji_Presentation, or
// Hangul-script N, from U+1100; as inclusive ranges in Rust syntax.
function printRanges(eastAsianWidthType) {
  const cjk = (u) => {
    if (u < 0x1100) return false;
    const c = String.fromCodePoint(u);
    switch (eastAsianWidthType(u)) {
      case "fullwidth": case "halfwidth": return true;
      case "wide": return !/^\p{Emoji_Presentation}/u.test(c);
      case "neutral": return /^\p{sc=Hangul}/u.test(c);
      default: return false;
    }
  };
  const hex = (u) => "0x" + u.toString(16).toUpperCase();
  let start = null;
  for (let u = 0; u <= 0x110000; u++) {
    const inside = u < 0x110000 && cjk(u);
    if (inside && start === null) start = u;
    if (!inside && start !== null) {
      console.log(`    (${hex(start)}, ${hex(u - 1)}),`);
      start = null;
    }
  }
}
