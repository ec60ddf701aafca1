#!/bin/sh
# Renders the Post-Programme Report of a case in headless Chromium, in
# standard and large print, and writes each page's HTML, DOM dump and
# screenshot to OUTDIR, for a person to look at.
#
#   scripts/render-report.sh [OUTDIR [CASE [AREA]]]
#
# Defaults: a new temporary directory, examples/cases/report/completed.json
# and examples/areas/illustrative-norms.yaml (invented norms, for
# illustration only). Needs Go and Debian's chromium package:
#
#   apt-get install -y chromium
#
# HEIGHT (default 1400) sets the screenshot's height in pixels.
set -eu

out=${1:-$(mktemp -d)}
case=${2:-examples/cases/report/completed.json}
area=${3:-examples/areas/illustrative-norms.yaml}
height=${HEIGHT:-1400}

command -v chromium >/dev/null || { echo "render-report: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
go build -o "$out/isotp" ./cmd/isotp

for variant in standard large; do
	flags=""
	[ "$variant" = large ] && flags="--large-print"
	# shellcheck disable=SC2086
	"$out/isotp" report --format html $flags --area "$area" "$case" >"$out/$variant.html"
	profile=$(mktemp -d)
	set -- --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile"
	chromium "$@" --dump-dom "file://$out/$variant.html" >"$out/$variant.dom.html" 2>"$out/$variant.log"
	chromium "$@" --screenshot="$out/$variant.png" --window-size="1000,$height" "file://$out/$variant.html" 2>>"$out/$variant.log"
	rm -rf "$profile"
	charts=$(grep -o '<svg' "$out/$variant.dom.html" | wc -l)
	echo "$variant: $out/$variant.html ($charts charts), $out/$variant.png"
done
