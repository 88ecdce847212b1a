# systable-log: under "-d unimp" no number of the syscall tables is logged as
# "Unsupported syscall": by-design answers name the syscall and the reason
# from syscalls.spec, numbers outside the tables say so; under -strace every
# table syscall prints with its name and typed arguments and its result.
# Runs the guest program tests/guest/systable.c (only safe calls: by-design
# answers the emulator gives without calling the host, and unknown numbers).
. "$QC_TOP/tests/host/lib.sh"
for a in $ARCHES; do
  bin=$QC_OUT/$a/systable
  if [ ! -x "$bin" ]; then
    skip "$a: $bin not built (run tests/run '$a/systable' first)"
    continue
  fi
  log=$TMP/$a.unimp
  (cd "$TMP" && "$QC_EMU_DIR/qemu-$a" -d unimp -D "$log" "$bin" >"$TMP/$a.out" 2>&1)
  st=$?
  check "$a: systable passes under -d unimp (exit $st)" test $st = 0
  n=$(grep -c 'Unsupported syscall' "$log")
  check "$a: no 'Unsupported syscall' line for table numbers ($n found)" test "$n" = 0
  [ "$n" = 0 ] || grep 'Unsupported syscall' "$log" | head -5 | sed 's/^/  /'
  check "$a: kexec_load is logged by name with its errno and reason" \
    grep -q '^qemu-compat: syscall kexec_load ([0-9]*): EPERM by design: .*CAP_SYS_BOOT' "$log"
  if [ "$a" = arm ]; then
    check "$a: __ARM_NR_usr26 is logged by name with its reason" \
      grep -q '^qemu-compat: syscall usr26 (983043): ENOSYS: no 26-bit mode' "$log"
  fi
  check "$a: userfaultfd is logged by name as ENOSYS with its reason" \
    grep -q '^qemu-compat: syscall userfaultfd ([0-9]*): ENOSYS: .*parks a vCPU' "$log"
  case $a in
    mips*) # cpu_loop answers o32 numbers outside the table before do_syscall
      check "$a: numbers outside the o32 table never reach the syscall log" \
        sh -c "! grep -q 'syscall 9999' '$log'" ;;
    *) check "$a: a number outside the table is logged as such" \
        grep -q '^qemu-compat: syscall 9999 is not in the .* syscall table: ENOSYS' "$log" ;;
  esac

  slog=$TMP/$a.strace
  (cd "$TMP" && "$QC_EMU_DIR/qemu-$a" -strace -D "$slog" "$bin" >/dev/null 2>&1)
  # No strace.list rows for these: the generated table prints them.
  check "$a: -strace prints map_shadow_stack with typed arguments and the errno" \
    grep -qE '^[0-9]+ map_shadow_stack\(0,0,0\) = -1 errno=[0-9]+ \(Function not implemented\)$' "$slog"
  case $a in
    mips*) ;;
    *) check "$a: -strace ends the line of an unknown number with its result" \
         grep -qE '^[0-9]+ Unknown syscall 9999 = -1 errno=[0-9]+ \(Function not implemented\)$' "$slog" ;;
  esac
done
