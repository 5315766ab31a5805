#!/bin/sh
# Instructions per read of each reader on its benchmark document (docs/performance.md): callgrind counts the
# `read_report` calls of 41 reads and of 1 read; the difference over 40 leaves out start-up and first-use
# initialisation. Usage: sh bench/read_instructions.sh [BUILD_DIR]   (needs valgrind and the xxgk_read_loop target)
set -eu
build=${1:-build}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
loop="$build/bench/xxgk_read_loop"
[ -x "$loop" ] || { echo "read_instructions.sh: build the xxgk_read_loop target in $build first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
count() {  # FILE FORMAT READS -> instructions inside read_report
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" --toggle-collect='xxgk::read_report*' "$loop" "$1" "$2" "$3" >/dev/null 2>&1
    awk '/^(summary|totals):/ {print $2; exit}' "$out/cg"
}
while read -r name file format; do
    one=$(count "$source_dir/$file" "$format" 1)
    many=$(count "$source_dir/$file" "$format" 41)
    echo "$name $(( (many - one) / 40 ))"
done <<'LIST'
tika_text tests/samples/acheng-yagou-2023/report.txt text
crawled_page tests/samples/pingtan/47-ziranziyuan-2021/page.txt text
markdown tests/samples/shuyang-county-2025/report.md markdown
layout_text tests/data/pdf/huaian.layout.txt layout
html tests/samples/hangzhou-style-html/report.html html
docx tests/data/docx/acheng-yagou-2023.docx docx
LIST
