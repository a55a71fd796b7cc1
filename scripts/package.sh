#!/bin/sh
# Pack an already-built clinote binary into a release archive, with its SHA-256 file.
#
#   scripts/package.sh TARGET OUTDIR
#
# Builds nothing: it takes the binary from $CLINOTE_BIN, or else from
# target/TARGET/release/clinote (clinote.exe for Windows targets). It writes
#
#   OUTDIR/clinote-VERSION-TARGET.tar.gz          (.zip for Windows targets)
#   OUTDIR/clinote-VERSION-TARGET.tar.gz.sha256   ("<hex>  <archive name>", as sha256sum -c reads)
#
# The archive holds one folder, clinote-VERSION-TARGET/, with the binary and README.md and
# LICENSE* when the repository has them. VERSION is $CLINOTE_VERSION, or else the
# workspace version in Cargo.toml. Used by .github/workflows/release.yml and by
# tests/it/release.rs.
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: scripts/package.sh TARGET OUTDIR" >&2
    exit 2
fi
target=$1
outdir=$2
root=$(cd "$(dirname "$0")/.." && pwd)

version=${CLINOTE_VERSION:-}
if [ -z "$version" ]; then
    # The first `version = "…"` in Cargo.toml is [workspace.package]'s.
    version=$(sed -n 's/^version = "\([^"]*\)".*/\1/p' "$root/Cargo.toml" | head -n 1)
fi
if [ -z "$version" ]; then
    echo "package.sh: no version (set CLINOTE_VERSION)" >&2
    exit 1
fi

case $target in
    *windows*) exe=clinote.exe ;;
    *) exe=clinote ;;
esac
bin=${CLINOTE_BIN:-$root/target/$target/release/$exe}
if [ ! -f "$bin" ]; then
    echo "package.sh: no binary at $bin (build it first, or set CLINOTE_BIN)" >&2
    exit 1
fi

name=clinote-$version-$target
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM

mkdir "$stage/$name"
cp "$bin" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
for extra in "$root/README.md" "$root"/LICENSE*; do
    if [ -f "$extra" ]; then
        cp "$extra" "$stage/$name/"
    fi
done

case $target in
    *windows*)
        archive=$name.zip
        rm -f "$outdir/$archive"
        if command -v zip >/dev/null 2>&1; then
            (cd "$stage" && zip -qr "$outdir/$archive" "$name")
        elif command -v 7z >/dev/null 2>&1; then
            (cd "$stage" && 7z a -tzip -bd "$outdir/$archive" "$name" >/dev/null)
        else
            echo "package.sh: neither zip nor 7z found" >&2
            exit 1
        fi
        ;;
    *)
        archive=$name.tar.gz
        (cd "$stage" && tar -czf "$outdir/$archive" "$name")
        ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
    hash=$(sha256sum "$outdir/$archive" | cut -d ' ' -f 1)
else
    hash=$(shasum -a 256 "$outdir/$archive" | cut -d ' ' -f 1)
fi
printf '%s  %s\n' "$hash" "$archive" > "$outdir/$archive.sha256"

echo "$outdir/$archive"
