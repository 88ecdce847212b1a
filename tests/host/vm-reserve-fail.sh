# vm-reserve-fail: when the guest address space cannot be reserved the
# emulator says why and how to fix it, in one line, and exits non-zero;
# -R/QEMU_RESERVED_VA reserves less and then runs under the same limit.
. "$QC_TOP/tests/host/lib.sh"
for a in $ARCHES; do
  bin=$QC_OUT/$a/hello
  if [ ! -x "$bin" ]; then skip "$a: $bin not built (run the guest tests first)"; continue; fi
  # 2 GiB of address space: less than the 4 GiB (2 GiB on MIPS) reservation
  # plus the emulator's own 1 GiB TCG buffer.
  (ulimit -v 2097152; exec "$QC_EMU_DIR/qemu-$a" "$bin" alpha "beta gamma") >"$TMP/out" 2>"$TMP/err"; st=$?
  lines=$(wc -l <"$TMP/err")
  check "$a: under ulimit -v 2 GiB it exits non-zero (status $st)" [ "$st" != 0 ]
  check "$a: with one line on stderr ($(head -1 "$TMP/err"))" [ "$lines" = 1 ]
  check "$a: naming the cause and the remedy" \
    grep -q "cannot reserve the guest address space.*ulimit -v.*-R" "$TMP/err"
  (ulimit -v 2097152; QEMU_RESERVED_VA=0x20000000 QC_TEST=42 exec "$QC_EMU_DIR/qemu-$a" "$bin" alpha "beta gamma") >"$TMP/out" 2>&1; st=$?
  check "$a: with QEMU_RESERVED_VA=0x20000000 the same limit runs it (status $st)" [ "$st" = 0 ]
done
