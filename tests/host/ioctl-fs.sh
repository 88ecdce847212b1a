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
# Where int $0x80 works (an x86-64 kernel with IA32 emulation): the i386
# build natively (the kernel's own compat layer answering a 32-bit task) and
# every little-endian guest with -compat-ioctl all (the passthrough) must
# print the same lines.
gcc -O2 -o "$TMP/int80" "$QC_TOP/tests/host/int80-probe.c" && host=$("$TMP/int80") || host=unknown
if [ "$host" != available ]; then
  skip "fs ioctls natively in i386 and through -compat-ioctl all: $host"
  exit 0
fi
cmp_native() { # what, output file
  if diff -u "$TMP/native.out" "$2" >"$2.diff"; then pass "$1: answers as the host kernel"
  else fail "$1: differs from the host kernel"; grep '^[-+][A-Z]' "$2.diff" | sed 's/^/  /'; fi
}
if [ -x "$TMP/probe-i386" ]; then
  (cd "$dir" && "$TMP/probe-i386") >"$TMP/i386-native.out" 2>&1
  cmp_native "i386 build run natively (compat layer)" "$TMP/i386-native.out"
fi
for a in $ARCHES; do
  case $a in mips) continue ;; esac
  [ -x "$TMP/probe-$a" ] || continue
  (cd "$dir" && "$QC_EMU_DIR/qemu-$a" -compat-ioctl all "$TMP/probe-$a") >"$TMP/$a-all.out" 2>&1
  cmp_native "$a: -compat-ioctl all" "$TMP/$a-all.out"
done
