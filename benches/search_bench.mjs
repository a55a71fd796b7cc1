// Index size and query time of the static search, running the theme's real search.js in Node
// over a built site (fetch reads the files; a few DOM stubs stand in for the page).
//
//   cargo build --release
//   python3 benches/gen_corpus.py 10000 /tmp/c10k && target/release/clinote build --root /tmp/c10k
//   node benches/search_bench.mjs /tmp/c10k/public /blog/
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [out, prefix = "/"] = process.argv.slice(2);
const script = fs.readFileSync(new URL("../themes/default/static/search.js", import.meta.url), "utf8");

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
const all = files(path.join(out, "search")).filter((f) => f.endsWith(".json"));
const size = (fs) => fs.reduce((n, f) => n + fs_size(f), 0);
function fs_size(f) { return fs.statSync(f).size; }
const gz = (f) => zlib.gzipSync(fs.readFileSync(f)).length;
const shards = all.filter((f) => f.includes(`${path.sep}s${path.sep}`));
const docs = all.filter((f) => f.includes(`${path.sep}d${path.sep}`));
const total = all.reduce((n, f) => n + fs_size(f), 0);
const totalGz = all.reduce((n, f) => n + gz(f), 0);
const shardSizes = shards.map(fs_size).sort((a, b) => a - b);
const shardGz = shards.map(gz).sort((a, b) => a - b);
const kb = (n) => (n / 1024).toFixed(0) + " KB";
console.log(`index: ${kb(total)} (${kb(totalGz)} gzipped) in ${all.length} files`);
console.log(`shards: ${shards.length}, median ${kb(shardSizes[shardSizes.length >> 1])} (${kb(shardGz[shardGz.length >> 1])} gz), largest ${kb(shardSizes.at(-1))} (${kb(shardGz.at(-1))} gz)`);
console.log(`document files: ${docs.length}, ${kb(docs.map(fs_size).reduce((a, b) => a + b, 0))}`);

let downloaded = 0;
globalThis.fetch = async (url) => {
  const rel = decodeURIComponent(url).slice(prefix.length);
  const body = fs.readFileSync(path.join(out, rel), "utf8");
  downloaded += zlib.gzipSync(body).length;
  return { ok: true, status: 200, json: async () => JSON.parse(body) };
};
const el = () => ({ textContent: "", children: [], className: "", href: "",
  appendChild(c) { this.children.push(c); }, setAttribute() {}, addEventListener() {} });
const list = el(), status = el(), input = { value: "", addEventListener() {} }, form = { addEventListener() {} };
const attrs = { "data-base": `${prefix}search/`, "data-none": "none {q}", "data-count": "{n} for {q}", "data-loading": "…" };
const root = { getAttribute: (k) => attrs[k], querySelector: (s) => ({ "input[name=q]": input, form, "[data-results]": list, "[data-status]": status })[s] };
globalThis.document = { querySelector: () => root, createElement: el };
globalThis.location = { search: "", href: "http://localhost/" };
globalThis.history = { replaceState() {} };
new Function(script)();

const queries = ["手洗い", "子ども 発熱", "インフルエンザ", "ｲﾝﾌﾙｴﾝｻﾞ", "熱", "睡眠 大切", "受診の目安", "みずぶんをこまめに"];
for (const q of queries) {
  downloaded = 0;
  let t = performance.now();
  await root.clinoteSearch(q);
  const cold = performance.now() - t;
  const coldKb = downloaded;
  t = performance.now();
  await root.clinoteSearch(q);
  const warm = performance.now() - t;
  console.log(`${q.padEnd(12, "　")} ${status.textContent.padEnd(24)} first ${cold.toFixed(1)} ms (${kb(coldKb)} gz fetched), again ${warm.toFixed(1)} ms`);
}
