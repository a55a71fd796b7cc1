#!/usr/bin/env python3
"""Pick at most BUDGET seed inputs for a fuzz target, keeping as much coverage as they can.

    cargo fuzz build -s none
    python3 fuzz/pick-seeds.py TARGET BUDGET OUT_DIR CORPUS_DIR...

Runs the built target once over every input of the CORPUS_DIRs with libFuzzer's
`-set_cover_merge=1`, whose control file lists every feature (edge and hit-count bucket) each
input reaches. Then picks inputs one at a time, each time the one with the best

    (10 * new edges + new features) / (1 + size / 4096)

so new edges count most, and a small input beats a large one that adds about as much; an input
that adds nothing new (a near duplicate) is never picked. Stops at BUDGET inputs or when
nothing adds coverage, copies the picks into OUT_DIR (new or empty) under their own names, and
prints how much of the corpus's coverage they keep. See fuzz/README.md.
"""

import heapq
import os
import shutil
import subprocess
import sys
import tempfile

EDGE_WEIGHT = 10
SIZE_UNIT = 4096


def load(control_file):
    """Input paths, their sizes and their features, from a -set_cover_merge control file."""
    with open(control_file, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    count = int(lines[0])
    files = lines[2 : 2 + count]
    size, features = {}, {}
    for line in lines[2 + count :]:
        parts = line.split()
        if parts and parts[0] == "STARTED":
            size[int(parts[1])] = int(parts[2])
        elif parts and parts[0] == "FT":
            features[int(parts[1])] = frozenset(map(int, parts[2:]))
    return files, size, features


def edges(features):
    # libFuzzer's feature for an edge's hit count is edge * 8 + bucket.
    return {f >> 3 for f in features}


def pick(size, features, budget):
    """Greedy, lazily re-scored (a score can only fall as coverage grows)."""
    have_features, have_edges, chosen = set(), set(), []

    def score(i):
        new = features[i] - have_features
        return (EDGE_WEIGHT * len(edges(new) - have_edges) + len(new)) / (
            1 + size[i] / SIZE_UNIT
        )

    heap = [(-score(i), size[i], i) for i in features]
    heapq.heapify(heap)
    while heap and len(chosen) < budget:
        _, input_size, i = heapq.heappop(heap)
        current = score(i)
        if current <= 0:
            continue
        if heap and -current > heap[0][0]:
            heapq.heappush(heap, (-current, input_size, i))
            continue
        chosen.append(i)
        have_features |= features[i]
        have_edges |= edges(features[i])
    return chosen


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    target, budget, out_dir, corpora = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    if os.path.isdir(out_dir) and os.listdir(out_dir):
        sys.exit(f"{out_dir} is not empty")
    host = next(
        line.split()[1]
        for line in subprocess.run(
            ["rustc", "-vV"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        if line.startswith("host:")
    )
    fuzz_dir = os.path.dirname(os.path.abspath(__file__))
    binary = os.path.join(fuzz_dir, "target", host, "release", target)
    if not os.path.exists(binary):
        sys.exit(f"{binary} missing: run `cargo fuzz build -s none` first")
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        merged = os.path.join(tmp, "merged")
        os.mkdir(merged)
        subprocess.run(
            [binary, "-set_cover_merge=1", f"-merge_control_file={control}", merged, *corpora],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        files, size, features = load(control)
    chosen = pick(size, features, budget)
    all_features = set().union(*features.values())
    kept_features = set().union(*(features[i] for i in chosen))
    all_edges, kept_edges = edges(all_features), edges(kept_features)
    os.makedirs(out_dir, exist_ok=True)
    for i in chosen:
        shutil.copy(files[i], os.path.join(out_dir, os.path.basename(files[i])))
    print(
        f"{target}: {len(chosen)} of {len(features)} inputs, "
        f"{sum(size[i] for i in chosen)} of {sum(size.values())} bytes; "
        f"edges {len(kept_edges)} of {len(all_edges)}, "
        f"features {len(kept_features)} of {len(all_features)}"
    )


if __name__ == "__main__":
    main()
