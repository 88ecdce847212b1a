# mips-unaligned-mm: misaligned loads and stores in microMIPS code are
# emulated as the kernel does (tests/host/mips-unaligned-mm.c, a freestanding
# guest: QEMU's microMIPS CPU has no FPU, so no hard-float glibc program runs
# there; tests/guest/cpu-mips-unaligned.c covers MIPS32, MIPS16e and the FPU);
# MIPS_FIXADE off, ll and sc give SIGBUS.
. "$QC_TOP/tests/host/lib.sh"
unset QEMU_CPU
ulimit -c 0
ran=0
for a in $ARCHES; do
  case $a in mips|mipsel) ;; *) continue ;; esac
  ran=1
  bin=$TMP/mips-unaligned-mm-$a
  if ! guest_cc "$a" "$bin" -mmicromips -static -nostdlib -ffreestanding -fno-pic \
       -mno-abicalls -msoft-float -O2 -Wall "$QC_TOP/tests/host/mips-unaligned-mm.c"; then
    fail "$a: building the microMIPS program"; continue
  fi
  out=$(timeout -k 5 60 "$QC_EMU_DIR/qemu-$a" "$bin" 2>&1); st=$?
  n=0
  while IFS= read -r l; do
    case $l in
      "ok "*) pass "$a microMIPS: ${l#ok }"; n=$((n + 1)) ;;
      "bad "*) fail "$a microMIPS: ${l#bad }"; n=$((n + 1)) ;;
    esac
  done <<<"$out"
  check "$a microMIPS: all 17 checks ran, exit 0 (got $n, status $st)" [ "$n" = 17 ] && [ "$st" = 0 ]
  [ "$st" = 0 ] || printf '%s\n' "$out" | tail -3 | sed 's/^/  /'
  for m in fixade ll sc; do
    timeout -k 5 60 "$QC_EMU_DIR/qemu-$a" "$bin" "$m" >/dev/null 2>&1; st=$?
    case $m in fixade) d="MIPS_FIXADE off: a misaligned lw16" ;; *) d="a misaligned $m" ;; esac
    # the guest's SIGBUS, uncaught: the emulator dies of the host's (7)
    check "$a microMIPS: $d dies of SIGBUS (status $st)" [ "$st" = $((128 + 7)) ]
  done
done
[ "$ran" = 1 ] || skip "mips-unaligned-mm: no mips or mipsel in ARCHES"
