# identity: every emulator names qemu-compat, its version and its upstream.
. "$QC_TOP/tests/host/lib.sh"
ver=$(cat "$QC_TOP/VERSION")
for a in $ARCHES; do
  out=$("$QC_EMU_DIR/qemu-$a" --version 2>&1)
  first=$(printf '%s\n' "$out" | head -1)
  check "$a --version names qemu-compat $ver ($first)" grep -q "qemu-compat $ver" <<<"$out"
  check "$a --version names the upstream QEMU 7.2 and the Debian version" \
    grep -qE "based on QEMU 7\.2\.[0-9]+ from Debian qemu 1:7\.2\+dfsg-7\+deb12u18" <<<"$out"
done
