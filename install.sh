#!/bin/sh
# clinote installer for Linux and macOS (Linux・macOS 用インストーラー).
#
#   curl -fsSL https://github.com/OWNER/clinote/releases/latest/download/install.sh | sh
#
# Options (environment variables, or arguments after `sh -s --`):
#   CLINOTE_VERSION=0.1.0      or  --version 0.1.0   a given version (default: the latest)
#   CLINOTE_INSTALL_DIR=DIR    or  --to DIR          where to put clinote (default: ~/.local/bin)
#   CLINOTE_INSTALL_URL=URL    an archive to install instead of the release's, as a URL or a
#                              local file path; its SHA-256 is read from URL.sha256 (or from
#                              CLINOTE_INSTALL_SHA256_URL). Used by the tests, offline.
#
# It downloads clinote-VERSION-TARGET.tar.gz and its .sha256 from the GitHub release, refuses
# the archive when the checksum differs, and copies the one `clinote` binary into the folder.
set -eu

# OWNER/clinote: a placeholder until the repository's real GitHub path is known.
repo=${CLINOTE_REPO:-OWNER/clinote}
version=${CLINOTE_VERSION:-}
dir=${CLINOTE_INSTALL_DIR:-}
url=${CLINOTE_INSTALL_URL:-}
sha_url=${CLINOTE_INSTALL_SHA256_URL:-}

say() { printf '%s\n' "$*"; }
fail() {
    printf 'clinote install: %s\n' "$1" >&2
    [ "$#" -gt 1 ] && printf '                  %s\n' "$2" >&2
    exit 1
}

while [ "$#" -gt 0 ]; do
    case $1 in
        --version) [ "$#" -ge 2 ] || fail "--version needs a value"; version=$2; shift 2 ;;
        --to) [ "$#" -ge 2 ] || fail "--to needs a value"; dir=$2; shift 2 ;;
        -h | --help) sed -n '2,15p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) fail "不明な引数です: $1" "unknown argument: $1" ;;
    esac
done
version=${version#v}
[ -n "$dir" ] || dir=${HOME:?HOME is not set}/.local/bin

# --- which archive: the system and the processor -------------------------------------------
os=$(uname -s)
arch=$(uname -m)
case $os in
    Linux) os_part=unknown-linux-musl ;;
    Darwin) os_part=apple-darwin ;;
    *) fail "この OS には対応していません: $os（Windows は install.ps1 を使ってください）" \
            "unsupported system: $os (on Windows use install.ps1)" ;;
esac
case $arch in
    x86_64 | amd64) arch_part=x86_64 ;;
    aarch64 | arm64) arch_part=aarch64 ;;
    *) fail "この CPU には対応していません: $arch" "unsupported processor: $arch" ;;
esac
target=$arch_part-$os_part

# --- how to download -----------------------------------------------------------------------
# fetch SOURCE DEST: SOURCE is a URL, or a local path (copied), so that tests need no network.
fetch() {
    case $1 in
        file://*) cp "${1#file://}" "$2" ;;
        *://*)
            if command -v curl >/dev/null 2>&1; then
                curl -fsSL --retry 3 -o "$2" "$1"
            elif command -v wget >/dev/null 2>&1; then
                wget -q -O "$2" "$1"
            else
                fail "curl も wget も見つかりません" "neither curl nor wget found"
            fi
            ;;
        *) cp "$1" "$2" ;;
    esac
}

if [ -z "$url" ]; then
    if [ -z "$version" ]; then
        # The latest release: GitHub redirects /releases/latest to /releases/tag/vX.Y.Z.
        latest=https://github.com/$repo/releases/latest
        if command -v curl >/dev/null 2>&1; then
            tag_url=$(curl -fsSLI -o /dev/null -w '%{url_effective}' "$latest") || tag_url=
        else
            tag_url=$(wget -q -S --spider "$latest" 2>&1 | sed -n 's/^ *[Ll]ocation: *//p' | tail -n 1 | tr -d '\r') || tag_url=
        fi
        version=${tag_url##*/}
        version=${version#v}
        if [ -z "$version" ] || [ "$version" = latest ]; then
            fail "最新版を調べられませんでした（ネットワークを確認するか --version を指定してください）" \
                 "could not find the latest version (check the network, or give --version)"
        fi
    fi
    url=https://github.com/$repo/releases/download/v$version/clinote-$version-$target.tar.gz
fi
[ -n "$sha_url" ] || sha_url=$url.sha256

# --- download and check ----------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
archive=$tmp/clinote.tar.gz
say "ダウンロード中 / downloading: $url"
fetch "$url" "$archive" || fail "ダウンロードできませんでした: $url" "download failed: $url"
fetch "$sha_url" "$tmp/sum" || fail "チェックサムをダウンロードできませんでした: $sha_url" \
    "could not download the checksum: $sha_url"

expected=$(cut -d ' ' -f 1 < "$tmp/sum" | tr 'A-F' 'a-f')
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$archive" | cut -d ' ' -f 1)
elif command -v shasum >/dev/null 2>&1; then
    actual=$(shasum -a 256 "$archive" | cut -d ' ' -f 1)
else
    fail "sha256sum も shasum も見つからず、確認できません" "neither sha256sum nor shasum found to verify the download"
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    fail "SHA-256 が一致しません。ダウンロードが壊れています。何もインストールしていません。" \
         "SHA-256 mismatch: the download is damaged; nothing was installed (expected $expected, got $actual)"
fi

tar -xzf "$archive" -C "$tmp" || fail "アーカイブを展開できませんでした" "could not unpack the archive"
bin=$(find "$tmp" -type f -name clinote | head -n 1)
[ -n "$bin" ] || fail "アーカイブに clinote がありません" "no clinote binary in the archive"

# --- install ---------------------------------------------------------------------------------
mkdir -p "$dir"
# Copy beside, then rename: a running clinote is never half overwritten.
cp "$bin" "$dir/.clinote.new"
chmod 755 "$dir/.clinote.new"
mv -f "$dir/.clinote.new" "$dir/clinote"

installed=$("$dir/clinote" --version 2>/dev/null) || installed="clinote"
say "インストールしました / installed: $installed → $dir/clinote"
case :${PATH:-}: in
    *:"$dir":*) say "「clinote --help」で使い方が表示されます / run \"clinote --help\" to start." ;;
    *)
        say ""
        say "$dir が PATH にありません。次の 1 行を ~/.profile（zsh なら ~/.zshrc）に加えて、"
        say "ターミナルを開き直してください:"
        say "$dir is not on your PATH. Add this line to ~/.profile (~/.zshrc for zsh) and open a"
        say "new terminal:"
        say ""
        say "    export PATH=\"$dir:\$PATH\""
        ;;
esac
