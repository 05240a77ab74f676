#!/usr/bin/env bash
# bench/unreadable.sh — resource bounds of `svcaudit check`, end to end.
#
#   bash bench/unreadable.sh
#
# 1. A run over N (default 10,000) Markdown files of which 100 cannot be
#    read (chmod 000 as a user; broken symbolic links as root, who reads
#    anything): it must complete, exit 0, list the 100 and count the rest.
# 2. One huge HTML file on one line (default 50 MB, read with
#    --max-file-size 64MiB): peak memory and wall time.
# Both are measured with /usr/bin/time -v. Not part of CI: it writes ~60 MB
# and takes a minute or more on a busy machine.
#
# Environment: N (documents, default 10000), HUGE_MB (default 50),
# WORK (scratch folder, default a fresh mktemp -d, removed at the end).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-10000}
huge=${HUGE_MB:-50}
work=${WORK:-$(mktemp -d)}
trap 'chmod -R u+rw "$work" 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/svcaudit" "$root/cmd/svcaudit"
cd "$work"
cat > demo.yaml <<'YAML'
id: demo
title: Demo
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    evidence:
      any: ['within \d+ (working )?days']
YAML
for ((i = 0; i < n; i++)); do
	d=docs/d$((i % 100))
	[ $((i % 100)) -eq "$i" ] && mkdir -p "$d"
	p=$d/doc$i.md
	if [ "$i" -lt 100 ] && [ "$(id -u)" -eq 0 ]; then
		ln -s missing.md "$p"
		continue
	fi
	printf '# Charter\n\nWe reply within 5 working days.\n' > "$p"
	[ "$i" -lt 100 ] && chmod 000 "$p"
done

echo "== $n documents, 100 unreadable"
/usr/bin/time -v ./svcaudit check -c demo.yaml docs > out.txt 2> time.txt && rc=0 || rc=$?
tail -1 out.txt
echo "exit $rc; unreadable listed: $(grep -c '^  docs/' out.txt)"
grep -E 'Elapsed|Maximum resident' time.txt

echo "== one ${huge} MB HTML file on one line"
python3 -c "import sys; n=int(sys.argv[1])<<20; sys.stdout.write('<p>'+'word '*((n-7)//5)+'</p>')" "$huge" > huge.html
ls -l huge.html | awk '{print $5 " bytes"}'
/usr/bin/time -v ./svcaudit check -c demo.yaml --max-file-size 64MiB huge.html > out.txt 2> time.txt && rc=0 || rc=$?
tail -1 out.txt
echo "exit $rc"
grep -E 'Elapsed|Maximum resident|User time' time.txt
/usr/bin/time -v ./svcaudit check -c keeps-promises --max-file-size 64MiB huge.html > out.txt 2> time.txt && rc=0 || rc=$?
echo "with keeps-promises: exit $rc"
grep -E 'Elapsed|Maximum resident|User time' time.txt
