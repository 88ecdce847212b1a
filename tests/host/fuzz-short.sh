# fuzz-short: a short budget of both fuzzers (tests/fuzz/README.md) for every
# arch, with fixed seeds so that a failure reproduces: the guest syscall
# fuzzer (3000 calls per arch) and the ELF loader fuzzer (200 mutated ELFs per
# arch). `make fuzz` runs the long budgets.
. "$QC_TOP/tests/host/lib.sh"
: "${QC_FUZZ_CALLS:=3000}" "${QC_FUZZ_ELFS:=200}"
for a in $ARCHES; do
  [ -x "$QC_EMU_DIR/qemu-$a" ] || { skip "$a: fuzz: no emulator built"; continue; }
  "$QC_TOP/tests/fuzz/run-syscall-fuzz" "$a" "$QC_FUZZ_CALLS" 1
  "$QC_TOP/tests/fuzz/elf-fuzz" -n "$QC_FUZZ_ELFS" -s 1 "$a"
done
