#!/usr/bin/env bash
# Build the site and upload it to an S3 bucket (behind CloudFront or S3 website hosting).
#
#   examples/deploy/s3.sh s3://clinic-blog/blog/ https://blog.example-clinic.jp/blog/
#   DRY_RUN=1 examples/deploy/s3.sh …
#
# Needs the AWS CLI with credentials allowed to write to the bucket. Only changed files are
# uploaded; objects under the prefix that the site no longer has are deleted (only there).
# Pages are sent with a short cache time, images and the theme's files with a longer one.
set -euo pipefail

target="${1:?usage: s3.sh s3://BUCKET/PREFIX/ BASE_URL}"
base_url="${2:?usage: s3.sh s3://BUCKET/PREFIX/ BASE_URL}"
clinote="${CLINOTE:-clinote}"
aws="${AWS:-aws}"

"$clinote" build --base-url "$base_url"

dry=()
[ -n "${DRY_RUN:-}" ] && dry=(--dryrun)
target="${target%/}/"
# Long-lived files first, then pages and feeds with a short cache.
"$aws" s3 sync public/ "$target" "${dry[@]}" --delete --exclude "*" \
  --include "*.css" --include "*.js" --include "*.png" --include "*.jpg" --include "*.jpeg" \
  --include "*.webp" --include "*.svg" --include "*.ico" \
  --cache-control "public, max-age=604800"
"$aws" s3 sync public/ "$target" "${dry[@]}" --delete --exclude ".clinote-*" \
  --cache-control "public, max-age=300"
