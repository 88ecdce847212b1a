# arches.sh: per-arch facts the test and bench harnesses share (sourced).
# guest arch -> cross compiler triplet; the sysroot is /usr/<triplet>.
ALL_ARCHES="i386 arm mips mipsel"
triplet_of() {
  case "$1" in
    i386) echo i686-linux-gnu ;;
    arm) echo arm-linux-gnueabihf ;;
    mips) echo mips-linux-gnu ;;
    mipsel) echo mipsel-linux-gnu ;;
    *) echo "unknown arch $1" >&2; return 1 ;;
  esac
}
