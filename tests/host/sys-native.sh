# sys-native: the guest tests that include sys-common.h (sys-file.c,
# sys-mount.c, sys-process.c, sys-quota.c) against the real kernel.
# Each test is built for the x86-64 host and run natively with QC_NATIVE=1:
# all its CHECKs must pass there (so the expectations are the kernel's, not
# ours). Then every "PROBE name = result" line (results that depend on this
# host kernel's version and configuration: LSMs, Landlock ABI, listns, ...)
# must be the same under each emulator as natively.
. "$QC_TOP/tests/host/lib.sh"
OUT=${QC_OUT:-$QC_TOP/build/tests}
command -v gcc >/dev/null || { skip "sys-native: no host gcc"; exit 0; }
mkdir -p "$OUT/native"
for src in $(grep -l '^#include "sys-common.h"' "$QC_TOP"/tests/guest/*.c); do
  name=$(basename "$src" .c)
  bin=$OUT/native/$name
  if ! gcc -O2 -Wall -D_GNU_SOURCE -pthread -I"$QC_TOP/tests/guest" -o "$bin" "$src" 2>"$TMP/$name.err"; then
    fail "$name: native build"; sed 's/^/  /' "$TMP/$name.err"; continue
  fi
  (cd "$TMP" && QC_NATIVE=1 timeout 60 "$bin") >"$TMP/$name.native" 2>&1; st=$?
  nchk=$(grep -c '^PASS' "$TMP/$name.native")
  if [ "$st" = 0 ] && ! grep -q '^FAIL' "$TMP/$name.native"; then
    pass "$name: native x86-64 run passes its $nchk checks against the host kernel"
  else
    fail "$name: native run (exit $st)"; grep '^FAIL' "$TMP/$name.native" | head -10 | sed 's/^/  /'
  fi
  grep '^PROBE' "$TMP/$name.native" >"$TMP/$name.native.probe"
  for a in $ARCHES; do
    gbin=$OUT/$a/$name
    [ -x "$gbin" ] || { skip "$a/$name: guest binary not built (run tests/run for $a first)"; continue; }
    (cd "$TMP" && timeout 60 "$QC_EMU_DIR/qemu-$a" "$gbin") >"$TMP/$name.$a" 2>&1
    grep '^PROBE' "$TMP/$name.$a" >"$TMP/$name.$a.probe"
    # "[x86]" probes are calls only the i386 (and x86-64) tables have.
    want=$TMP/$name.native.probe
    if [ "$a" != i386 ]; then grep -v '^PROBE \[x86\]' "$want" >"$TMP/$name.want.$a"; want=$TMP/$name.want.$a; fi
    nprobe=$(wc -l <"$want")
    if diff -u "$want" "$TMP/$name.$a.probe" >"$TMP/$name.$a.diff"; then
      pass "$a/$name: $nprobe host-dependent results identical to native"
    else
      fail "$a/$name: results differ from native"; sed 's/^/  /' "$TMP/$name.$a.diff" | head -20
    fi
  done
done
