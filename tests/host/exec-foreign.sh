# exec-foreign: guest programs exec other guest programs (of every arch),
# "#!" scripts and native programs without binfmt_misc (linux-user/
# exec-foreign.c), through a guest mini shell that forks, pipes and execvp()s.
. "$QC_TOP/tests/host/lib.sh"
. "$QC_TOP/tests/host/progs/build.sh"
build_progs || { fail "building the helper guest programs"; exit 0; }
BIN=$TMP/bin; mkdir -p "$BIN"
for a in $ARCHES; do ln -s "$PROGS/$a"/* "$BIN/"; done
export PATH="$BIN:/usr/bin:/bin" QC_MARK=m42
unset QEMU_LD_PREFIX QEMU_EXECVE QEMU_ARGV0 QEMU_CPU
emu() { local a=$1; shift; timeout -k 5 60 "$QC_EMU_DIR/qemu-$a" "$@" 2>&1; }
expect() { # description, output, expected line(s): each must be a line of output
  local d=$1 out=$2 l; shift 2
  for l in "$@"; do
    grep -qxF -- "$l" <<<"$out" || { fail "$d"; printf '  want: %s\n' "$l"; printf '%s\n' "$out" | head -8 | sed 's/^/  got:  /'; return; }
  done
  pass "$d"
}
host_binfmt() { ls /proc/sys/fs/binfmt_misc 2>/dev/null | grep -qv '^register$\|^status$'; }

# 1. every arch execs every arch by bare name (PATH search in the guest libc);
#    argv, argv[0] and the environment arrive unchanged.
for p in $ARCHES; do
  cmds=() want=()
  for c in $ARCHES; do
    cmds+=("showargs-$c x y$c"); want+=("arch=$c argv0=showargs-$c args=x,y$c mark=m42")
  done
  out=$(emu "$p" "$PROGS/$p/minish-$p" "${cmds[@]}")
  expect "$p guest execs the guest programs of $(echo $ARCHES | tr ' ' ',') by PATH" "$out" "${want[@]}"
  n=$(grep -c '^\[status 0\]$' <<<"$out")
  check "$p: all $(wc -w <<<"$ARCHES") children exit 0 (got $n)" [ "$n" = "$(wc -w <<<"$ARCHES")" ]
done

has() { [[ " $ARCHES " == *" $1 "* ]]; }
if has i386 && has arm && has mips && has mipsel; then
  # 2. a pipeline across arches, and a shell of one arch running a shell of another
  out=$(emu i386 "$PROGS/i386/minish-i386" "showargs-arm p q | showargs-mips -cat | showargs-mipsel -cat")
  expect "i386 pipeline arm | mips | mipsel" "$out" "[mipsel] [mips] arch=arm argv0=showargs-arm args=p,q mark=m42" "[status 0]"
  out=$(emu arm "$PROGS/arm/minish-arm" "minish-mips" "minish-i386 x" )
  # minish-mips with no arguments prints nothing and exits 0; minish-i386 runs "x"
  expect "arm shell runs a mips shell and an i386 shell" "$out" "[status 0]" "minish: exec x: No such file or directory" "[status 127]"

  # 3. "#!" scripts: foreign interpreter with an argument, a chain of two
  #    scripts, a native interpreter
  printf '#!%s/showargs-mips  -o1 two \necho not reached\n' "$BIN" >"$TMP/s1"; chmod +x "$TMP/s1"
  printf '#!%s/s1\n' "$TMP" >"$TMP/s2"; chmod +x "$TMP/s2"
  printf '#!/bin/sh\necho "native sh $0 $1 $QC_MARK"\n' >"$TMP/s3"; chmod +x "$TMP/s3"
  out=$(cd "$TMP" && emu i386 "$PROGS/i386/minish-i386" "./s1 a1" "$TMP/s2 b1" "./s3 c1")
  expect "#! scripts: foreign interpreter + argument, chain of two, native /bin/sh" "$out" \
    "arch=mips argv0=$BIN/showargs-mips args=-o1 two,./s1,a1 mark=m42" \
    "arch=mips argv0=$BIN/showargs-mips args=-o1 two,$TMP/s1,$TMP/s2,b1 mark=m42" \
    "native sh ./s3 c1 m42"
  # the kernel does the same with the scripts when it has the interpreter's
  # binfmt; what it does natively with a native interpreter is the reference
  want=$(cd "$TMP" && ./s3 c1)
  check "native #! script output equals the host's own ($want)" grep -qxF "$want" <<<"$out"

  # execveat(fd, "", AT_EMPTY_PATH) of a foreign program (fexecve):
  # linux-user/qc/sys/exec.c hands it to the same foreign-exec path
  out=$(emu i386 "$PROGS/i386/minish-i386" "@$BIN/showargs-arm e1" "@$BIN/showargs-mips e2")
  expect "execveat of a file descriptor: i386 runs arm and mips programs" "$out" \
    "arch=arm argv0=$BIN/showargs-arm args=e1 mark=m42" \
    "arch=mips argv0=$BIN/showargs-mips args=e2 mark=m42"

  # 4. native host programs still run natively
  out=$(emu arm "$PROGS/arm/minish-arm" "/bin/echo native-echo" "uname -m")
  expect "native programs exec natively" "$out" "native-echo" "$(uname -m)"

  # 5. busybox-style: a symlink's name is argv[0]
  ln -s "$PROGS/mipsel/showargs-mipsel" "$BIN/applet"
  out=$(emu mips "$PROGS/mips/minish-mips" "applet k")
  expect "multi-call symlink keeps its argv[0]" "$out" "arch=mipsel argv0=applet args=k mark=m42"

  # 6. errors as the kernel gives them: not executable, missing, directory
  cp "$PROGS/arm/showargs-arm" "$TMP/noexec"; chmod 644 "$TMP/noexec"
  out=$(emu i386 "$PROGS/i386/minish-i386" "=$TMP/noexec" "=$TMP/missing" "=$TMP")
  # the host kernel's answers to the same execve() calls are the reference
  kerr() { python3 -c 'import os,sys
try: os.execv(sys.argv[1], [sys.argv[1]])
except OSError as e: print(e.strerror)' "$1"; }
  expect "errors as the host kernel's: non-executable, missing, directory" "$out" \
    "minish: exec $TMP/noexec: $(kerr "$TMP/noexec")" \
    "minish: exec $TMP/missing: $(kerr "$TMP/missing")" \
    "minish: exec $TMP: $(kerr "$TMP")"

  # 7. -execve off / QEMU_EXECVE=off: the kernel's plain execve (ENOEXEC
  #    without a binfmt_misc entry)
  if host_binfmt; then
    skip "-execve off gives ENOEXEC: this host has binfmt_misc entries ($(ls /proc/sys/fs/binfmt_misc | tr '\n' ' '))"
  else
    out=$(emu i386 -execve off "$PROGS/i386/minish-i386" "=$BIN/showargs-arm")
    expect "-execve off: foreign exec fails with ENOEXEC" "$out" "minish: exec $BIN/showargs-arm: Exec format error"
    out=$(QEMU_EXECVE=off emu i386 "$PROGS/i386/minish-i386" "=$BIN/showargs-arm" "/bin/echo still-native")
    expect "QEMU_EXECVE=off: ENOEXEC, native still runs" "$out" "minish: exec $BIN/showargs-arm: Exec format error" "still-native"
    out=$(emu i386 "$PROGS/i386/minish-i386" "=$BIN/showargs-arm e")
    expect "-execve on (default): the same execv() runs it" "$out" "arch=arm argv0=$BIN/showargs-arm args=e mark=m42"
    out=$(emu i386 -execve bogus "$PROGS/i386/minish-i386" 2>&1)
    check "-execve bogus is refused" grep -q "takes on or off" <<<"$out"
  fi
fi

# 8. -L reaches same-arch children: a dynamic arm program needs the sysroot
for a in $ARCHES; do
  sysroot=/usr/$(triplet_of "$a")
  out=$(emu "$a" -L "$sysroot" "$PROGS/$a/minish-$a" "showargs-dyn-$a d")
  expect "$a: -L $sysroot is passed to a dynamic child" "$out" "arch=$a argv0=showargs-dyn-$a args=d mark=m42"
  interp=$(LC_ALL=C "$(triplet_of "$a")-readelf" -l "$PROGS/$a/showargs-dyn-$a" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
  if [ -e "$interp" ]; then
    skip "$a: control without -L: the host has $interp itself"; continue
  fi
  out=$(emu "$a" "$PROGS/$a/minish-$a" "showargs-dyn-$a d")
  check "$a: without -L the dynamic child does not find its loader (control)" \
    bash -c '! grep -q "^arch=" <<<"$1"' _ "$out"
done

# 9. -cpu reaches same-arch children: AT_HWCAP depends on the CPU model
if has arm; then
  for c in cortex-a9 cortex-a15; do
    direct=$(emu arm -cpu $c "$PROGS/arm/showargs-arm" -hwcap)
    out=$(emu arm -cpu $c "$PROGS/arm/minish-arm" "showargs-arm -hwcap")
    expect "arm: -cpu $c is passed to an arm child ($direct)" "$out" "$direct"
  done
  a9=$(emu arm -cpu cortex-a9 "$PROGS/arm/showargs-arm" -hwcap); a15=$(emu arm -cpu cortex-a15 "$PROGS/arm/showargs-arm" -hwcap)
  check "cortex-a9 and cortex-a15 differ in AT_HWCAP ($a9, $a15), so the check above can fail" [ "$a9" != "$a15" ]
fi
