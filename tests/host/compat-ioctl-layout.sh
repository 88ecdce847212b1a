# compat-ioctl-layout: the eligibility data of the compat_ioctl passthrough
# (linux-user/qc/ioctl/compat-ioctl-table.h) agrees with the real compilers.
# - unit checks of the MIPS number conversion and of the eligibility rule
#   (tests/host/compat-ioctl-unit.c, host gcc);
# - tests/host/compat-ioctl-probe.c compiled (-S) with i686-linux-gnu-gcc,
#   arm-linux-gnueabihf-gcc and mipsel-linux-gnu-gcc: every row's x86 number
#   must be i686's, and its arm/mips column must say exactly whether that
#   compiler's program issues the same number (MIPS: after conversion) with an
#   argument of the same size, offsets and flag values.
. "$QC_TOP/tests/host/lib.sh"
inc=$QC_TOP/linux-user/qc
if ! gcc -O2 -Wall -Werror -I"$inc" -o "$TMP/unit" "$QC_TOP/tests/host/compat-ioctl-unit.c" 2>"$TMP/unit.err"; then
  fail "compat-ioctl-unit.c builds"; sed 's/^/  /' "$TMP/unit.err"; exit 0
fi
"$TMP/unit" check

# symbols FILE.s: "qc_sym v1 v2 ..." for each qc_* data object of the assembly
symbols() {
  awk '
    function flush() { if (cur != "") print cur vals; cur = ""; vals = "" }
    /^qc_[A-Za-z0-9_]+:$/ { flush(); cur = substr($1, 1, length($1) - 1); next }
    cur != "" && $1 ~ /^\.(long|word|4byte)$/ { v = $2 + 0; if (v < 0) v += 4294967296; vals = vals " " sprintf("%.0f", v); next }
    cur != "" && $1 ~ /^\.(zero|space)$/ { for (i = 0; i < $2 / 4; i++) vals = vals " 0"; next }
    { flush() }
    END { flush() }' "$1"
}
for t in i686-linux-gnu arm-linux-gnueabihf mipsel-linux-gnu; do
  if ! command -v "$t-gcc" >/dev/null; then fail "$t-gcc present (needed to check the table)"; exit 0; fi
  if ! "$t-gcc" -O2 -S -D_GNU_SOURCE -I"$inc" -o "$TMP/$t.s" "$QC_TOP/tests/host/compat-ioctl-probe.c" 2>"$TMP/$t.err"; then
    fail "probe compiles with $t-gcc"; sed 's/^/  /' "$TMP/$t.err" | head -20; exit 0
  fi
  symbols "$TMP/$t.s" >"$TMP/$t.sym"
done
val() { sed -n "s/^$2 //p" "$TMP/$1.sym"; }

rows=0 bad=0
while read -r name x86 layout arm mips; do
  rows=$((rows + 1))
  i686cmd=$(val i686-linux-gnu "qc_cmd_$name"); armcmd=$(val arm-linux-gnueabihf "qc_cmd_$name")
  mipscmd=$(val mipsel-linux-gnu "qc_cmd_$name")
  li=$(val i686-linux-gnu "qc_layout_$layout"); la=$(val arm-linux-gnueabihf "qc_layout_$layout")
  lm=$(val mipsel-linux-gnu "qc_layout_$layout")
  if [ -z "$i686cmd" ] || [ -z "$li" ]; then
    fail "row $name: probe has qc_cmd_$name and qc_layout_$layout"; bad=$((bad + 1)); continue
  fi
  if [ "$i686cmd" != "$x86" ]; then
    fail "row $name: x86 number $(printf 0x%08x "$x86") is i686's $(printf 0x%08x "$i686cmd")"; bad=$((bad + 1))
  fi
  want_arm=0; [ "$armcmd" = "$i686cmd" ] && [ "$la" = "$li" ] && want_arm=1
  mconv=$("$TMP/unit" mips2x86 "$mipscmd")
  want_mips=0; [ "$mconv" = "$i686cmd" ] && [ "$lm" = "$li" ] && want_mips=1
  if [ "$arm" != "$want_arm" ]; then
    fail "row $name: arm column $arm, compilers say $want_arm (cmd i686 $i686cmd arm $armcmd; layout$li | $la)"; bad=$((bad + 1))
  fi
  if [ "$mips" != "$want_mips" ]; then
    fail "row $name: mips column $mips, compilers say $want_mips (cmd i686 $i686cmd mipsel $mipscmd -> $mconv; layout$li | $lm)"; bad=$((bad + 1))
  fi
done < <("$TMP/unit" rows)
[ "$rows" -gt 40 ] && [ "$bad" = 0 ] && pass "table: $rows rows agree with i686, arm and mipsel gcc (numbers, sizes, offsets, flag values)"
[ "$rows" -gt 40 ] || fail "table: only $rows rows read"
exit 0
