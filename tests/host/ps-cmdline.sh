# ps-cmdline: a guest program as ps sees it from outside (exec/proctitle.c):
# /proc/<pid>/cmdline and `ps -o args=` are the guest's argv, nothing more;
# `ps -o comm=` and /proc/<pid>/comm are the name of the path that was
# executed (a link's own name, 15 characters at most); /proc/<pid>/environ is
# the guest's environment. Run as `qemu-<arch> prog`, with -0, with a long
# QEMU_ARGV0, and, in a user namespace with a private binfmt_misc (Linux >=
# 6.7, as tests/host/binfmt.sh), through binfmt_misc without flag P (argv[0]
# is the path), with P, and as a "#!" script's interpreter.
# tests/guest/proc-cmdline.c does the same for exec mode.
# The emulator points the kernel's argument area at the guest's strings with
# prctl(PR_SET_MM, PR_SET_MM_MAP) (CONFIG_CHECKPOINT_RESTORE); where the
# kernel refuses it (no-set-mm.c makes it refuse) it writes the guest's argv
# over its own: cmdline is then the argv and NUL bytes (ps shows the same),
# a QEMU_ARGV0 longer than the emulator's command line is cut.
. "$QC_TOP/tests/host/lib.sh"
. "$QC_TOP/tests/host/progs/build.sh"
CONF=$QC_TOP/scripts/qemu-binfmt-conf
unset QEMU_LD_PREFIX QEMU_EXECVE QEMU_ARGV0 QEMU_CPU

# start CMD...: run CMD (stdin a fifo we hold open, stdout $TMP/out) until
# stop; PID is its process (CMD execs in the background shell's process).
# Returns once it printed "ready" (showargs -wait), 1 if it did not.
start() {
  rm -f "$TMP/in" "$TMP/out"; mkfifo "$TMP/in"
  "$@" <"$TMP/in" >"$TMP/out" 2>&1 &
  PID=$!
  exec 3>"$TMP/in"
  local i
  for i in $(seq 300); do
    grep -qx ready "$TMP/out" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
  done
  return 1
}
stop() {
  exec 3>&-
  local i
  for i in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
  kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null
}
shown() { tr '\0' '|' <"$1"; }
# Does this kernel take prctl(PR_SET_MM, PR_SET_MM_MAP)? PR_SET_MM_MAP_SIZE
# answers where it is built in (CONFIG_CHECKPOINT_RESTORE), unprivileged.
mm_map=0
python3 -c 'import ctypes, sys
n = ctypes.c_uint(0)
libc = ctypes.CDLL(None, use_errno=True)
sys.exit(0 if libc.prctl(35, 15, ctypes.byref(n), 0, 0) == 0 and n.value > 0 else 1)' && mm_map=1
# looks DESC COMM ARG...: what ps and /proc show of PID
looks() {
  local d=$1 comm=$2 got nuls; shift 2
  if ! grep -qx ready "$TMP/out"; then
    fail "$d: the program runs"; sed 's/^/  /' "$TMP/out" | head -5; return
  fi
  got=$(shown /proc/$PID/cmdline)
  nuls=$(( $(wc -c </proc/$PID/cmdline) - $(printf '%s\0' "$@" | wc -c) ))
  if [ $mm_map = 0 ] && [ $nuls -gt 0 ] &&
     cmp -s <({ printf '%s\0' "$@"; head -c $nuls /dev/zero; }) /proc/$PID/cmdline; then
    skip "$d: /proc/<pid>/cmdline is the argv and $nuls NUL bytes: this kernel has no PR_SET_MM_MAP"
  else
    check "$d: /proc/<pid>/cmdline is $(printf '%s|' "$@") (got $got)" \
      cmp -s <(printf '%s\0' "$@") /proc/$PID/cmdline
  fi
  got=$(ps -ww -o args= -p "$PID")
  check "$d: ps -o args= is '$*' (got '$got')" [ "$got" = "$*" ]
  got=$(ps -o comm= -p "$PID")
  check "$d: ps -o comm= is $comm (got $got)" [ "$got" = "$comm" ]
  got=$(cat /proc/$PID/comm)
  check "$d: /proc/<pid>/comm is $comm (got $got)" [ "$got" = "$comm" ]
}

build_progs || { fail "building the helper guest programs"; exit 0; }
mkdir -p "$TMP/bin"

if [ "${QC_PS_INNER:-}" != 1 ]; then
  gcc -O2 -Wall -o "$TMP/no-set-mm" "$QC_TOP/tests/host/no-set-mm.c" || { fail "no-set-mm.c builds"; exit 0; }
  [ $mm_map = 1 ] || skip "this kernel refuses prctl(PR_SET_MM_MAP_SIZE) (no CONFIG_CHECKPOINT_RESTORE): only the emulator's fallback shows"
  for a in $ARCHES; do
    emu=$QC_EMU_DIR/qemu-$a p=$PROGS/$a/showargs-$a
    start "$emu" "$p" -wait "x y" "" z
    looks "$a: qemu-$a prog" "showargs-$a" "$p" -wait "x y" "" z
    stop
    ln -sf "$p" "$TMP/bin/a-much-longer-name-$a"
    start "$emu" "$TMP/bin/a-much-longer-name-$a" -wait
    looks "$a: qemu-$a link (the link's name, cut)" a-much-longer-n "$TMP/bin/a-much-longer-name-$a" -wait
    stop
    start "$emu" -0 zero0 "$p" -wait q
    looks "$a: qemu-$a -0 zero0 prog" "showargs-$a" zero0 -wait q
    stop
    # /proc/<pid>/environ: the guest's environment (-E sets, -U unsets)
    start env QC_PS_HOST=1 QC_PS_MARK=host "$emu" -E QC_PS_MARK=guest -U QC_PS_HOST "$p" -wait
    env_got=$(tr '\0' '\n' </proc/$PID/environ | grep '^QC_PS_' | tr '\n' ' ')
    if [ $mm_map = 1 ]; then
      check "$a: /proc/<pid>/environ is the guest's environment (QC_PS_*: $env_got)" [ "$env_got" = "QC_PS_MARK=guest " ]
    else
      skip "$a: /proc/<pid>/environ stays the emulator's: this kernel has no PR_SET_MM_MAP"
    fi
    stop
    # a QEMU_ARGV0 longer than the emulator's whole argument area
    area=$(( ${#emu} + 1 + ${#p} + 1 + 6 ))     # "-wait" and its NUL
    long=$(head -c $((area + 40)) /dev/zero | tr '\0' L)
    start env QEMU_ARGV0="$long" "$emu" "$p" -wait
    if [ $mm_map = 1 ]; then
      looks "$a: QEMU_ARGV0 of $((area + 40)) bytes" "showargs-$a" "$long" -wait
    else
      skip "$a: QEMU_ARGV0 of $((area + 40)) bytes: this kernel has no PR_SET_MM_MAP (the cut form is checked below)"
    fi
    stop

    # The fallback: the guest's argv over the emulator's own, NUL bytes after
    # it (ps drops them), a QEMU_ARGV0 cut to the area.
    start "$TMP/no-set-mm" "$emu" "$p" -wait "x y" "" z
    if grep -qx ready "$TMP/out"; then
      check "$a: without PR_SET_MM, /proc/<pid>/cmdline is the argv and $((${#emu} + 1)) NUL bytes (got $(shown /proc/$PID/cmdline))" \
        cmp -s <({ printf '%s\0' "$p" -wait "x y" "" z; head -c $((${#emu} + 1)) /dev/zero; }) /proc/$PID/cmdline
      got=$(ps -ww -o args= -p "$PID")
      check "$a: without PR_SET_MM, ps -o args= is the argv (got '$got')" [ "$got" = "$p -wait x y  z" ]
      got=$(cat /proc/$PID/comm)
      check "$a: without PR_SET_MM, comm is showargs-$a (got $got)" [ "$got" = "showargs-$a" ]
    else
      fail "$a: no-set-mm qemu-$a prog: the program runs"; sed 's/^/  /' "$TMP/out" | head -5
    fi
    stop
    start env QEMU_ARGV0="$long" "$TMP/no-set-mm" "$emu" "$p" -wait
    if grep -qx ready "$TMP/out"; then
      want=$(head -c $((area - 1)) /dev/zero | tr '\0' L)
      check "$a: without PR_SET_MM, a QEMU_ARGV0 longer than the argument area is cut to it ($area bytes; got $(wc -c </proc/$PID/cmdline))" \
        cmp -s <(printf '%s\0' "$want") /proc/$PID/cmdline
    else
      fail "$a: no-set-mm, QEMU_ARGV0 of $((area + 40)) bytes: the program runs"
    fi
    stop
  done

  if ! unshare --user --map-root-user --mount true 2>/dev/null; then
    skip "binfmt_misc cases: unshare --user is not permitted here"; exit 0
  fi
  if ! err=$(unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>&1); then
    skip "binfmt_misc cases: Linux $(uname -r) does not mount binfmt_misc in a user namespace (needs >= 6.7): $err"; exit 0
  fi
  QC_PS_INNER=1 QC_OUT=$QC_OUT unshare --user --map-root-user --mount bash "$0"
  exit $?
fi

# --- inside a user + mount namespace with a private binfmt_misc ---------------
BF=/proc/sys/fs/binfmt_misc
mount -t binfmt_misc binfmt_misc $BF || { fail "mount binfmt_misc in the namespace"; exit 0; }
conf() { "$CONF" -q "$QC_EMU_DIR" --suffix "" --force -a "${ARCHES// /,}" "$@" >/dev/null 2>&1; }

conf --register
for a in $ARCHES; do
  p=$PROGS/$a/showargs-$a
  ln -sf "$p" "$TMP/bin/sh-$a"        # /bin/sh -> dash: the name is sh
  start "$TMP/bin/sh-$a" -wait "x y" "" z
  looks "$a: binfmt without P, via a link" "sh-$a" "$TMP/bin/sh-$a" -wait "x y" "" z
  stop
  printf '#!%s -wait\n' "$TMP/bin/sh-$a" >"$TMP/bin/script-$a"; chmod +x "$TMP/bin/script-$a"
  start "$TMP/bin/script-$a" s1
  looks "$a: binfmt without P, a #! script's interpreter" "script-$a" \
    "$TMP/bin/sh-$a" -wait "$TMP/bin/script-$a" s1
  stop
done

conf --register -P
for a in $ARCHES; do
  check "qemu-$a registered with flags PF" grep -qx "flags: PF" "$BF/qemu-$a"
  start bash -c 'exec -a custom0 "$0" -wait "x y"' "$TMP/bin/sh-$a"
  looks "$a: binfmt with P, via a link" "sh-$a" custom0 -wait "x y"
  stop
done
conf --unregister
