# ioctl-fs: file-system ioctls on regular files of the build disk answer
# under the emulator exactly as the host kernel answers a native program.
# tests/host/ioctl-fs-probe.c is compiled natively (x86-64) and with each
# guest's cross compiler; every guest build runs under $QC_EMU_DIR/qemu-<arch>
# in the same directory and must print the native lines (errnos by name:
# e.g. FICLONE on ext4 is EOPNOTSUPP, BLKGETSIZE64 on a file ENOTTY), and
# read-only block ioctls on /dev/loop0 (LOOP_GET_STATUS64, BLKGETSIZE64, ...).
. "$QC_TOP/tests/host/lib.sh"
src=$QC_TOP/tests/host/ioctl-fs-probe.c
dir=$QC_TOP/build/tests/ioctl-fs   # the build disk, not tmpfs
mkdir -p "$dir"
fstype=$(stat -f -c %T "$dir")
if ! gcc -O2 -Wall -o "$TMP/native" "$src" 2>"$TMP/err"; then fail "native probe builds"; cat "$TMP/err"; exit 0; fi
(cd "$dir" && "$TMP/native") >"$TMP/native.out" 2>&1 || { fail "native probe runs"; cat "$TMP/native.out"; exit 0; }
echo "  host kernel's answers on $fstype:"; sed 's/^/    /' "$TMP/native.out"
for a in $ARCHES; do
  if ! guest_cc "$a" "$TMP/probe-$a" -static -O2 -Wall "$src" 2>"$TMP/err"; then fail "$a probe builds"; cat "$TMP/err"; continue; fi
  (cd "$dir" && "$QC_EMU_DIR/qemu-$a" "$TMP/probe-$a") >"$TMP/$a.out" 2>&1
  if diff -u "$TMP/native.out" "$TMP/$a.out" >"$TMP/$a.diff"; then
    pass "$a: $(wc -l <"$TMP/native.out") file and block ioctls answer as the host kernel ($fstype)"
  else
    fail "$a: file and block ioctls differ from the host kernel ($fstype)"; grep '^[-+][A-Z]' "$TMP/$a.diff" | sed 's/^/  /'
  fi
done
