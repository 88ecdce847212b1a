# bad-elf: files that are not runnable guest programs give one clear error
# line and a non-zero exit, never a host crash (signal) or a hang.
. "$QC_TOP/tests/host/lib.sh"

# run_bad NAME FILE: expect exit status 1..125 and a "qemu-<arch>: " message
# that names the file.
run_bad() {
  local a=$1 what=$2 f=$3 out st
  out=$(timeout -k 2 20 "$QC_EMU_DIR/qemu-$a" "$f" 2>&1 </dev/null); st=$?
  if [ "$st" -ge 1 ] && [ "$st" -le 125 ] && grep -q "$(basename "$f")" <<<"$out" &&
     [ "$(printf '%s\n' "$out" | wc -l)" -le 2 ]; then
    pass "$a: $what -> exit $st: $(printf '%s' "$out" | head -1)"
  else
    fail "$a: $what -> exit $st"; printf '  %s\n' "$out" | head -5
  fi
}

printf 'just some text\n' >"$TMP/text-file"
: >"$TMP/empty-file"
printf 'not executable\n' >"$TMP/no-exec-bit"
chmod +x "$TMP/text-file" "$TMP/empty-file"
for a in $ARCHES; do
  good=$QC_OUT/$a/hello
  [ -x "$good" ] || { skip "$a: guest hello not built"; continue; }
  head -c 52 "$good" >"$TMP/truncated-$a"            # ELF header only, no phdrs
  head -c 3000 "$good" >"$TMP/cut-$a"                # phdrs present, segments cut
  chmod +x "$TMP/truncated-$a" "$TMP/cut-$a"
  run_bad "$a" "missing file" "$TMP/no-such-file"
  run_bad "$a" "text file" "$TMP/text-file"
  run_bad "$a" "empty file" "$TMP/empty-file"
  run_bad "$a" "truncated ELF header" "$TMP/truncated-$a"
  run_bad "$a" "ELF cut after the headers" "$TMP/cut-$a"
  # A wrong-arch ELF: another arch's hello.
  for o in $ALL_ARCHES; do
    [ "$o" = "$a" ] && continue
    [ -x "$QC_OUT/$o/hello" ] || continue
    cp "$QC_OUT/$o/hello" "$TMP/$o-binary-for-$a"
    run_bad "$a" "wrong-arch ELF ($o)" "$TMP/$o-binary-for-$a"
    break
  done
  run_bad "$a" "a directory" "$TMP"
  run_bad "$a" "a file without execute permission" "$TMP/no-exec-bit"
done
