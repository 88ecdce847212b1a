#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cases.sh: the one reader of the guest tests' header lines, shared by
# meson.build (which builds and declares the tests), tests/run-one (which runs
# and judges one) and tests/run (the front door). Sourced, or run:
#
#   tests/cases.sh list ARCH    one line per case of ARCH, in tests/run's order:
#                               CASE NAME VARIANT TIMEOUT AREA
#                               (CASE = NAME, or NAME-VARIANT for a variant
#                               other than static; AREA = NAME up to its first
#                               '-': sys, vm, signals, ...)
#   tests/cases.sh hosts        one line per host test: NAME TIMEOUT AREA
#                               PARALLEL (no where its header has a line
#                               "# parallel: no (why)": meson runs it alone)
#   tests/cases.sh meta SRC KEY the value of a " * KEY: value" header line
#
# A guest test's header (tests/guest/<name>.c, docs/development.md):
#   * variants: static dynamic lfs   (default: static)
#   * args: ...                      (shell words)
#   * env: K=V ...
#   * timeout: N                     (seconds, default 60)
#   * arches: mips mipsel            (built and run only there)
cases_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# meta FILE KEY: the value of a "KEY: value" line in a test's header comment.
meta() { sed -n "s/^ \* $2: //p" "$1" | head -1; }

# tests/run's limit for one host script (each prints many PASS/FAIL lines).
HOST_TEST_TIMEOUT=600

cases_list() { # arch
  local arch=$1 src name only variants v tmo
  for src in "$cases_top"/tests/guest/*.c; do
    name=$(basename "$src" .c)
    only=$(meta "$src" arches)
    [ -z "$only" ] || [[ " $only " == *" $arch "* ]] || continue
    variants=$(meta "$src" variants); [ -n "$variants" ] || variants=static
    tmo=$(meta "$src" timeout); tmo=${tmo:-60}
    for v in $variants; do
      if [ "$v" = static ]; then printf '%s %s %s %s %s\n' "$name" "$name" "$v" "$tmo" "${name%%-*}"
      else printf '%s %s %s %s %s\n' "$name-$v" "$name" "$v" "$tmo" "${name%%-*}"; fi
    done
  done
}

cases_hosts() {
  local t name par
  for t in "$cases_top"/tests/host/*.sh; do
    name=$(basename "$t" .sh)
    [ "$name" = lib ] && continue   # the helpers the tests source
    par=yes; grep -q '^# parallel: no' "$t" && par=no
    printf '%s %s %s %s\n' "$name" "$HOST_TEST_TIMEOUT" "${name%%-*}" "$par"
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case ${1:-} in
    list) cases_list "$2" ;;
    hosts) cases_hosts ;;
    meta) meta "$2" "$3" ;;
    *) echo "usage: $0 list ARCH | hosts | meta SRC KEY" >&2; exit 2 ;;
  esac
fi
