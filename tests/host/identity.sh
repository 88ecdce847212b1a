# identity: every emulator names qemu-compat, its version and its upstream.
. "$QC_TOP/tests/host/lib.sh"
ver=$(cat "$QC_TOP/VERSION")
. "$QC_TOP/scripts/upstream.pin"
# the pinned upstream, e.g. 10.0.13 and 1:10.0.13+ds-0+deb13u1, as regexes
up_re=$(printf '%s' "$QEMU_UPSTREAM_VERSION" | sed 's/[.+]/\\&/g')
deb_re=$(printf '%s' "$QEMU_DEB_VERSION" | sed 's/[.+]/\\&/g')
for a in $ARCHES; do
  out=$("$QC_EMU_DIR/qemu-$a" --version 2>&1)
  first=$(printf '%s\n' "$out" | head -1)
  check "$a --version names qemu-compat $ver ($first)" grep -q "qemu-compat $ver" <<<"$out"
  check "$a --version names the upstream QEMU $QEMU_UPSTREAM_VERSION and the Debian version" \
    grep -qE "based on QEMU $up_re from Debian qemu $deb_re" <<<"$out"
done
