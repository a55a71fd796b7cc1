#!/usr/bin/env bash
# Build the site and copy it to a rented server (or any folder) over rsync.
#
#   examples/deploy/rsync.sh user@example-clinic.jp:/var/www/blog/ https://example-clinic.jp/blog/
#   DRY_RUN=1 examples/deploy/rsync.sh …        # show what would change, change nothing
#
# Run it from the site's folder (where clinote.toml is). Only files that changed are sent;
# files on the server that the site no longer has are removed from the target folder, and
# nothing outside it is touched. Use a folder that holds only the blog.
set -euo pipefail

target="${1:?usage: rsync.sh TARGET BASE_URL   (TARGET: user@host:/path/ or a local folder)}"
base_url="${2:?usage: rsync.sh TARGET BASE_URL}"
clinote="${CLINOTE:-clinote}"

"$clinote" build --base-url "$base_url"

args=(--archive --compress --delete --checksum --human-readable --itemize-changes)
[ -n "${DRY_RUN:-}" ] && args+=(--dry-run)
# clinote's own files (the marker that tells it the folder is its output, and the working
# files of a build in progress) stay on this machine.
rsync "${args[@]}" --exclude ".clinote-*" public/ "${target%/}/"
