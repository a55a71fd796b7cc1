// Writes themes/default/static/twitter-text.js: X's own twitter-text 3.1.0 (npm), bundled for
// the browser, so that the teaser page counts posts with the very library X publishes.
//
//   cd tools/twitter-text && npm ci && node build.mjs
//
// The bundle is committed: a build or a preview never downloads anything. The library's
// polyfills (core-js 2, for ES5 browsers) are left out: every browser that runs the teaser
// page has the ES2015 built-ins they patch, and they would rewrite those built-ins.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";

const version = JSON.parse(
  readFileSync("node_modules/twitter-text/package.json", "utf8"),
).version;

const noPolyfills = {
  name: "no-polyfills",
  setup(build) {
    build.onResolve({ filter: /^core-js\// }, (args) => ({ path: args.path, namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await esbuild.build({
  entryPoints: ["entry.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2017",
  charset: "ascii",
  legalComments: "inline",
  outfile: "../../themes/default/static/twitter-text.js",
  plugins: [noPolyfills],
  banner: {
    js: `/*! twitter-text ${version} (https://github.com/twitter/twitter-text), Copyright Twitter, Inc., Apache-2.0; with twemoji-parser (Twitter, MIT) and punycode (Mathias Bynens, MIT).
 * Bundled by clinote's tools/twitter-text/build.mjs; do not edit. Sets globalThis.twttrText = { parseTweet, extractUrls, extractHashtags }. */`,
  },
});
