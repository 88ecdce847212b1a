# progs/build.sh (sourced by host tests): builds the helper guest programs of
# tests/host/progs for every arch into $QC_OUT/progs/<arch>/, static, plus a
# dynamic (PIE) showargs-dyn. Names carry the arch (showargs-arm), so that
# one PATH holds all arches. Rebuilds only when a source is newer; each
# program is written whole (a temporary name, then mv), as host tests that
# use them may run at the same time (meson test).
PROGS=$QC_OUT/progs
build_progs() {
  local a t src name bin
  for a in $ARCHES; do
    t=$(triplet_of "$a") || return 1
    mkdir -p "$PROGS/$a"
    for src in "$QC_TOP"/tests/host/progs/*.c; do
      name=$(basename "$src" .c)
      bin=$PROGS/$a/$name-$a
      if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
        "$t-gcc" -O2 -Wall -static -DARCH="\"$a\"" -o "$bin.$$" "$src" && mv -f "$bin.$$" "$bin" || return 1
      fi
    done
    src=$QC_TOP/tests/host/progs/showargs.c bin=$PROGS/$a/showargs-dyn-$a
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
      "$t-gcc" -O2 -Wall -DARCH="\"$a\"" -o "$bin.$$" "$src" && mv -f "$bin.$$" "$bin" || return 1
    fi
  done
}
