# sys-quota-ext4: the quota limits round trip of tests/guest/sys-quota.c
# (Q_SETQUOTA, Q_GETQUOTA, Q_GETNEXTQUOTA, Q_XGETQUOTA, Q_GETINFO: the
# emulator's conversion of if_dqblk, if_nextdqblk, fs_disk_quota and
# if_dqinfo both ways), which needs a filesystem with quota on and never runs
# in the plain tests/run (the program SKIPs it there).
#
# An ext4 image made with -O quota (journaled quota, on from mount time) is
# loop-mounted in a private mount namespace: first as root of a new user and
# mount namespace (no privilege needed; Linux refuses it: ext4 is not
# mountable in a user namespace), then as root in a plain mount namespace
# (`unshare -m`, a loop device). The guest program runs with its current
# directory there and QC_QUOTA_REQUIRED=1 (quota off is a FAIL), under each
# emulator and natively (the x86-64 build, the referee for the expectations).
# Where the kernel cannot switch quota on (CONFIG_QUOTA without a quota
# format: CONFIG_QFMT_V2 unset; ext4 then refuses the image), one SKIP with
# the kernel's own reason.
. "$QC_TOP/tests/host/lib.sh"
OUT=${QC_OUT:-$QC_TOP/build/tests}
for c in mkfs.ext4 unshare mount umount; do
  command -v "$c" >/dev/null || { skip "sys-quota-ext4: no $c (e2fsprogs, util-linux)"; exit 0; }
done
img=$TMP/quota.img mnt=$TMP/mnt
mkdir -p "$mnt"
truncate -s 64M "$img"
if ! mkfs.ext4 -q -F -O quota -E quotatype=usrquota:grpquota "$img" >"$TMP/mkfs.log" 2>&1; then
  fail "sys-quota-ext4: mkfs.ext4 -O quota"; sed 's/^/  /' "$TMP/mkfs.log"; exit 0
fi

# The kernel's reason for refusing the image: its log line, and the config.
kernel_why() {
  local k c
  k=$(dmesg 2>/dev/null | grep -iE 'EXT4-fs \(loop[0-9]+\).*(quota|QFMT)' | tail -1 | sed 's/^\[[^]]*\] //')
  c=$(zcat /proc/config.gz 2>/dev/null | grep -E '^(# )?CONFIG_(QUOTA|QFMT_V2)[ =]' | tr '\n' ',' | sed 's/,$//')
  echo "${k:-no kernel log line}${c:+; $c}"
}

# 1. root of a new user+mount namespace
if unshare -Urm mount -t ext4 -o loop "$img" "$mnt" >"$TMP/userns.err" 2>&1; then
  userns=1   # (mounted in that namespace; gone with it)
else
  userns=0; userns_why=$(tr '\n' ' ' <"$TMP/userns.err" | sed 's/ *dmesg(1).*//; s/  */ /g')
fi

# 2. root in a private mount namespace, a loop device
if [ "$(id -u)" != 0 ]; then
  skip "quota round trip on ext4: a user+mount namespace cannot mount ext4 (${userns_why:-mounted, but the round trip wants root}) and this is not root"
  exit 0
fi
bins=()
for a in $ARCHES; do
  if [ -x "$OUT/$a/sys-quota" ] && [ -x "$QC_EMU_DIR/qemu-$a" ]; then bins+=("$a"); else
    skip "$a/sys-quota: guest program or emulator missing (run tests/run '$a/sys-quota' first)"; fi
done
native=""
if command -v gcc >/dev/null && gcc -O2 -Wall -D_GNU_SOURCE -pthread -I"$QC_TOP/tests/guest" \
     -o "$TMP/sys-quota-native" "$QC_TOP/tests/guest/sys-quota.c" 2>"$TMP/gcc.err"; then
  native=$TMP/sys-quota-native
else
  skip "native x86-64 run: no host gcc or the build failed ($(head -1 "$TMP/gcc.err" 2>/dev/null))"
fi
cat >"$TMP/inner.sh" <<'EOF'
mount -t ext4 -o loop "$img" "$mnt" 2>"$TMP/mount.err" || exit 3
mkdir "$mnt/d"
for a in $BINS; do
  (cd "$mnt/d" && QC_QUOTA_REQUIRED=1 timeout 60 "$QC_EMU_DIR/qemu-$a" "$OUT/$a/sys-quota") >"$TMP/run.$a" 2>&1
  echo $? >"$TMP/st.$a"
done
if [ -n "$NATIVE" ]; then
  (cd "$mnt/d" && QC_NATIVE=1 QC_QUOTA_REQUIRED=1 timeout 60 "$NATIVE") >"$TMP/run.native" 2>&1
  echo $? >"$TMP/st.native"
fi
umount "$mnt"
EOF
img=$img mnt=$mnt TMP=$TMP OUT=$OUT QC_EMU_DIR=$QC_EMU_DIR BINS="${bins[*]}" NATIVE=$native \
  unshare -m --propagation private sh "$TMP/inner.sh"
st=$?
if [ "$st" = 3 ]; then
  skip "quota round trip on ext4: the kernel refuses an ext4 image with quota (mount: $(tr '\n' ' ' <"$TMP/mount.err" | sed 's/ *dmesg(1).*//; s/  */ /g'); $(kernel_why)); in a user+mount namespace: ${userns_why:-mounted}"
  exit 0
elif [ "$st" != 0 ]; then
  fail "quota round trip on ext4: the mount namespace script failed (status $st)"; exit 0
fi
for a in "${bins[@]}" ${native:+native}; do
  log=$TMP/run.$a; s=$(cat "$TMP/st.$a" 2>/dev/null || echo none)
  n=$(grep -c '^PASS' "$log")
  if [ "$s" = 0 ] && ! grep -q '^FAIL' "$log" && grep -q '^PASS Q_SETQUOTA limits' "$log" && grep -q '^PASS Q_GETQUOTA: the limits set' "$log"; then
    pass "$a/sys-quota: quota limits round trip on a loop-mounted ext4 with quota ($n checks)"
  else
    fail "$a/sys-quota on a loop-mounted ext4 with quota (exit $s)"
    grep -E '^(FAIL|SKIP)' "$log" | head -10 | sed 's/^/  /'
  fi
done
