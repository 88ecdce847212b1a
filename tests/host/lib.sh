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

# guest_cc ARCH OUT GCC-ARGS...: build a guest program with ARCH's cross
# compiler and keep a copy in $QC_OUT/host-bin/ARCH/; where that compiler is
# missing (a machine without Debian's cross compilers, such as the IA32-capable
# machine tests/device/run uses), take the kept copy carried from a build host.
guest_cc() {
  local a=$1 out=$2 t keep; shift 2
  t=$(triplet_of "$a") || return 1
  keep=${QC_OUT:-$QC_TOP/build/tests}/host-bin/$a/$(basename "$out")
  if command -v "$t-gcc" >/dev/null; then
    "$t-gcc" -o "$out" "$@" || return 1
    mkdir -p "$(dirname "$keep")" && cp "$out" "$keep.$$" && mv -f "$keep.$$" "$keep"
  elif [ -x "$keep" ]; then
    cp "$keep" "$out"
  else
    echo "  no $t-gcc and no prebuilt $keep" >&2; return 1
  fi
}
