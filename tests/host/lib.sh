# lib.sh: helpers for host-side tests (sourced). Each check prints one
# PASS/FAIL/SKIP line, which tests/run counts.
: "${QC_TOP:?run through tests/run}"
: "${QC_EMU_DIR:=$QC_TOP/build}"
: "${ARCHES:=i386 arm mips mipsel}"
. "$QC_TOP/tests/arches.sh"
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }
skip() { echo "SKIP $*"; }
check() { # description, then a command; PASS when it exits 0
  local d=$1; shift
  if "$@"; then pass "$d"; else fail "$d"; fi
}
TMP=$(mktemp -d /tmp/qc-host.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
