#!/bin/sh
# Renders the Post-Programme Report of a case, in standard and large print,
# for a person to look at: the HTML page, its PDF (isotp report --format
# pdf, printed by headless Chromium), every page of the PDF as a PNG, and a
# screenshot of the page in a window 480 pixels wide, to see that the chart
# labels keep the text's size.
#
#   scripts/render-report.sh [OUTDIR [CASE [AREA]]]
#
# Defaults: a new temporary directory, examples/cases/report/completed.json
# and examples/areas/illustrative-norms.yaml (invented norms, for
# illustration only: every page says so). Needs Go, Debian's chromium and
# poppler-utils:
#
#   apt-get install -y chromium poppler-utils
#
# DPI (default 50) sets the PNG pages' resolution.
set -eu

out=${1:-$(mktemp -d)}
case=${2:-examples/cases/report/completed.json}
area=${3:-examples/areas/illustrative-norms.yaml}
dpi=${DPI:-50}

for tool in chromium pdfinfo pdftoppm; do
	command -v "$tool" >/dev/null || { echo "render-report: $tool is not installed (apt-get install -y chromium poppler-utils)" >&2; exit 2; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
go build -o "$out/isotp" ./cmd/isotp

for variant in standard large; do
	flags=""
	[ "$variant" = large ] && flags="--large-print"
	# shellcheck disable=SC2086
	"$out/isotp" report --format html $flags --area "$area" "$case" >"$out/$variant.html"
	# shellcheck disable=SC2086
	"$out/isotp" report --format pdf $flags --area "$area" "$case" >"$out/$variant.pdf"
	rm -f "$out/$variant"-[0-9]*.png
	pdftoppm -png -r "$dpi" "$out/$variant.pdf" "$out/$variant"
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --hide-scrollbars --window-size=480,2400 \
		--screenshot="$out/$variant-480px.png" "file://$out/$variant.html" 2>"$out/$variant.log"
	rm -rf "$profile"
	pages=$(pdfinfo "$out/$variant.pdf" | sed -n 's/^Pages: *//p')
	size=$(pdfinfo "$out/$variant.pdf" | sed -n 's/^Page size: *//p')
	echo "$variant: $out/$variant.pdf, $pages pages of $size; pages as $out/$variant-*.png; 480 px window: $out/$variant-480px.png"
done
