#!/bin/sh
# man.sh writes a manual page for every svcaudit command into DIR (default
# build/man), from the commands' own help. Usage: scripts/man.sh [DIR]
# To install them: scripts/man.sh "$HOME/.local/share/man/man1" (then
# `man svcaudit-check`), or copy DIR/*.1 to /usr/local/share/man/man1.
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/man}
go run ./scripts/mangen "$out"
ls "$out"/*.1 | wc -l | sed "s|$| pages in $out|"
