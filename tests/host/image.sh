# image: `make image`'s OCI image (scripts/make-image). Built twice (the same
# bytes), its layout checked by hand (blob digests and sizes, index, OCI
# manifest, config, docker-archive manifest.json) and by skopeo (as
# oci-archive and docker-archive), unpacked with umoci (by hand without it);
# then its entrypoint (tools/binfmt-installer/qemu-compat-binfmt.c) runs
# chrooted in the unpacked root as docker would run it, in user, mount and
# pid namespaces with their own binfmt_misc (Linux >= 6.7): it mounts
# binfmt_misc, --install, --status (JSON), a guest program of each arch runs
# by path through what it registered (the emulator the kernel opened is the
# image's: flag F), flags P/C/O and --no-fix-binary, i386 refused on a kernel
# that runs i386 natively unless --force-i386, --uninstall.
# Prints "N passed, N failed" at the end.
. "$QC_TOP/tests/host/lib.sh"
. "$QC_TOP/tests/host/progs/build.sh"
np=0 nf=0
pass() { np=$((np + 1)); echo "PASS $*"; }
fail() { nf=$((nf + 1)); echo "FAIL $*"; }
summary() { echo "$np passed, $nf failed"; }
NAME=qemu-compat-binfmt
VERSION=$(cat "$QC_TOP/VERSION")
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"d": d}))' "$@"; }
export -f json

if [ "${QC_IMAGE_INNER:-}" != 1 ]; then
if [ "$QC_EMU_DIR" != "$QC_TOP/build" ]; then
  skip "image: packages build/, not $QC_EMU_DIR"; exit 0
fi
img=$("$QC_TOP/scripts/make-image" "$TMP/a" 2>"$TMP/make-image.log") || { fail "make-image: $(tail -3 "$TMP/make-image.log")"; summary; exit 0; }
check "make-image names it $NAME-$VERSION.tar" [ "$(basename "$img")" = "$NAME-$VERSION.tar" ]
img2=$("$QC_TOP/scripts/make-image" "$TMP/b" 2>/dev/null)
check "a second build gives the same bytes (reproducible)" cmp -s "$img" "$img2"

# --- layout, by hand ----------------------------------------------------------
L=$TMP/layout; mkdir -p "$L"; tar -xf "$img" -C "$L"
check "the tarball holds oci-layout, index.json, manifest.json and blobs/sha256/" \
  bash -c '[ "$(tar -tf "$1" | grep -v /$ | grep -v ^blobs/sha256/ | sort | tr "\n" " ")" = "index.json manifest.json oci-layout " ]' _ "$img"
check "oci-layout: imageLayoutVersion 1.0.0" [ "$(json "$L/oci-layout" 'd["imageLayoutVersion"]')" = 1.0.0 ]
bad=$(cd "$L/blobs/sha256" && for b in *; do [ "$(sha256sum <"$b" | cut -d' ' -f1)" = "$b" ] || echo "$b"; done)
check "every blob is named by its SHA-256 ($(ls "$L/blobs/sha256" | wc -l) blobs)${bad:+ (not: $bad)}" [ -z "$bad" ]
desc_ok() { # blob digest size
  local f=$L/blobs/sha256/${1#sha256:}
  [ -f "$f" ] && [ "$(stat -c %s "$f")" = "$2" ]
}
export -f desc_ok; export L
m=$(json "$L/index.json" 'd["manifests"][0]["digest"]'); ms=$(json "$L/index.json" 'd["manifests"][0]["size"]')
check "index.json: one image manifest, its digest and size match the blob" \
  bash -c '[ "$(json "$2/index.json" "len(d[\"manifests\"])")" = 1 ] && [ "$(json "$2/index.json" "d[\"manifests\"][0][\"mediaType\"]")" = application/vnd.oci.image.manifest.v1+json ] && desc_ok "$3" "$4"' _ _ "$L" "$m" "$ms"
check "index.json: ref.name $VERSION, platform linux/amd64" \
  [ "$(json "$L/index.json" 'd["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"] + " " + d["manifests"][0]["platform"]["os"] + "/" + d["manifests"][0]["platform"]["architecture"]')" = "$VERSION linux/amd64" ]
M=$L/blobs/sha256/${m#sha256:}
c=$(json "$M" 'd["config"]["digest"]'); l=$(json "$M" 'd["layers"][0]["digest"]')
check "manifest: config and layer descriptors match their blobs" \
  bash -c 'desc_ok "$1" "$(json "$3" "d[\"config\"][\"size\"]")" && desc_ok "$2" "$(json "$3" "d[\"layers\"][0][\"size\"]")"' _ "$c" "$l" "$M"
C=$L/blobs/sha256/${c#sha256:}
diff_id=$(gzip -dc "$L/blobs/sha256/${l#sha256:}" | sha256sum | cut -d' ' -f1)
check "config: diff_id is the SHA-256 of the uncompressed layer" [ "$(json "$C" 'd["rootfs"]["diff_ids"][0]')" = "sha256:$diff_id" ]
check "config: amd64/linux, entrypoint /usr/bin/$NAME" \
  [ "$(json "$C" 'd["architecture"] + " " + d["os"] + " " + " ".join(d["config"]["Entrypoint"])')" = "amd64 linux /usr/bin/$NAME" ]
check "manifest.json (docker-archive): the same config and layer, tag $NAME:$VERSION" \
  [ "$(json "$L/manifest.json" 'd[0]["Config"] + " " + d[0]["Layers"][0] + " " + d[0]["RepoTags"][0]')" = "blobs/sha256/${c#sha256:} blobs/sha256/${l#sha256:} $NAME:$VERSION" ]
want_files=$(printf '%s\n' usr/ usr/bin/ usr/bin/$NAME usr/bin/qemu-{arm,i386,mips,mipsel} | LC_ALL=C sort | tr '\n' ' ')
check "the layer holds the entrypoint and the four emulators, owned by 0:0" \
  bash -c '[ "$(gzip -dc "$1" | tar -t | LC_ALL=C sort | tr "\n" " ")" = "$2" ] && ! gzip -dc "$1" | tar -tv --numeric-owner | grep -v " 0/0 "' _ "$L/blobs/sha256/${l#sha256:}" "$want_files"

# --- a Debian tool's view -------------------------------------------------------
if command -v skopeo >/dev/null; then
  out=$(skopeo inspect "oci-archive:$img" 2>&1)
  check "skopeo inspect oci-archive: amd64 linux, one layer" \
    bash -c 'python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(not (d[\"Architecture\"]==\"amd64\" and d[\"Os\"]==\"linux\" and len(d[\"Layers\"])==1))" "$1"' _ "$out"
  out=$(skopeo inspect --config "docker-archive:$img" 2>&1)
  check "skopeo inspect docker-archive: (what docker load reads) the same config" \
    bash -c 'python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(d[\"config\"][\"Entrypoint\"] != [\"/usr/bin/'$NAME'\"])" "$1"' _ "$out"
else
  skip "skopeo is not installed (apt-get install skopeo)"
fi
U=$TMP/unpacked
if command -v umoci >/dev/null; then
  out=$(umoci unpack --rootless --image "$L:$VERSION" "$U" 2>&1)
  check "umoci unpack --image layout:$VERSION (exit $?)" [ -d "$U/rootfs/usr/bin" ] || echo "  $out" | tail -3
  check "umoci's runtime config runs the entrypoint" \
    [ "$(json "$U/config.json" '" ".join(d["process"]["args"])')" = "/usr/bin/$NAME" ]
  R=$U/rootfs
else
  skip "umoci is not installed (apt-get install umoci): unpacking the layer by hand"
  R=$TMP/rootfs; mkdir -p "$R"; gzip -dc "$L/blobs/sha256/${l#sha256:}" | tar -x -C "$R"
fi
out=$("$R/usr/bin/$NAME" --version)
check "the entrypoint is static and says its version ($out)" bash -c '[ "$1" = "'$NAME' '$VERSION'" ] && ! file -L "$2" | grep -q "dynamically linked"' _ "$out" "$R/usr/bin/$NAME"
for a in $ARCHES; do
  out=$("$R/usr/bin/qemu-$a" --version 2>&1 | head -1)
  check "the image's qemu-$a is qemu-compat's ($out)" grep -q "qemu-compat $VERSION" <<<"$out"
done

# --- the entrypoint in a private binfmt_misc ---------------------------------------
if ! err=$(unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>&1); then
  skip "entrypoint runs: no private binfmt_misc here (Linux $(uname -r) needs >= 6.7, and user namespaces): $err"
  summary; exit 0
fi
build_progs || { fail "building the helper guest programs"; summary; exit 0; }
QC_IMAGE_INNER=1 IMG_ROOT=$R unshare --user --map-root-user --mount --pid --fork --kill-child bash "$0" >"$TMP/inner.out" 2>&1
st=$?
cat "$TMP/inner.out"
np=$((np + $(grep -c '^PASS' "$TMP/inner.out"))); nf=$((nf + $(grep -c '^FAIL' "$TMP/inner.out")))
[ $st = 0 ] || fail "the namespace run exited $st"
summary
exit 0
fi

# --- inside: root of the namespaces; the image's root is $IMG_ROOT ----------------
R=$IMG_ROOT
BM=$R/proc/sys/fs/binfmt_misc
mkdir -p "$R/proc"   # docker makes it
mount -t proc proc "$R/proc" || { fail "mount /proc in the image's root"; exit 0; }
unset QEMU_LD_PREFIX QEMU_EXECVE QEMU_ARGV0
E() { chroot "$R" /usr/bin/$NAME "$@"; }   # as docker run IMAGE "$@"
entries() { ls "$BM" 2>/dev/null | grep -v '^register$\|^status$' | sort | tr '\n' ' '; }
# whose ARCH: the emulator the kernel started for a guest program of ARCH
# run by path: "image" when it is the image's /usr/bin/qemu-ARCH, by SHA-256
whose() { # (the pid namespace's own /proc is the one in the image's root)
  local p=$PROGS/$1/showargs-$1 pid exe i P=$R/proc
  sleep 30 | "$p" -cat >/dev/null 2>&1 & pid=$!
  for i in $(seq 100); do
    exe=$(readlink "$P/$pid/exe" 2>/dev/null) || { echo none; return; }
    [ "$exe" != "$(readlink -f "$BASH")" ] && break
    sleep 0.05
  done
  if [ "$exe" = "$p" ]; then echo native
  elif [ "$(sha256sum <"$P/$pid/exe")" = "$(sha256sum <"$R/usr/bin/qemu-$1")" ]; then echo image
  else echo "other ($exe)"; fi
  kill $pid 2>/dev/null
}
native=0; "$QC_TOP/scripts/qemu-binfmt-conf" --native-i386 && native=1

check "binfmt_misc is not mounted in the image's /proc before the entrypoint runs" [ ! -e "$BM/register" ]
E >"$TMP/s0.json" 2>"$TMP/s0.err"; st=$?
check "no arguments: the status as JSON, binfmt_misc mounted by the entrypoint (exit $st)" \
  bash -c '[ "$1" = 0 ] && [ -e "$2/register" ] && [ "$(json "$3" "d[\"mounted\"]")" = True ] && [ "$(json "$3" "d[\"emulators\"]")" = "[]" ]' _ "$st" "$BM" "$TMP/s0.json"
check "... with supported platforms for setup-qemu-action (linux/amd64 at least)" \
  bash -c '[ "$(json "$1" "\"linux/amd64\" in d[\"supported\"]")" = True ]' _ "$TMP/s0.json"
check "... and native_i386 as this kernel runs i386 ($native)" \
  [ "$(json "$TMP/s0.json" 'int(d["native_i386"])')" = "$native" ]

E --install all >"$TMP/s1.json" 2>"$TMP/s1.err"; st=$?
check "--install all (exit $st)" [ $st = 0 ] || sed 's/^/  /' "$TMP/s1.err"
want="qemu-arm qemu-mips qemu-mipsel "; [ $native = 1 ] || want="qemu-arm qemu-i386 qemu-mips qemu-mipsel "
check "entries: $want(got $(entries))" [ "$(entries)" = "$want" ]
if [ $native = 1 ]; then
  check "i386 refused: this kernel runs i386 natively" grep -q "not installing i386: this kernel runs i386 programs natively" "$TMP/s1.err"
fi
for a in arm mips mipsel; do
  check "qemu-$a: enabled, interpreter /usr/bin/qemu-$a, flags F" \
    bash -c 'grep -qx enabled "$1" && grep -qx "interpreter /usr/bin/qemu-'$a'" "$1" && grep -qx "flags: F" "$1"' _ "$BM/qemu-$a"
done
# the same magic and mask as scripts/qemu-binfmt-conf registers
"$QC_TOP/scripts/qemu-binfmt-conf" --register --force --binfmt-dir "$BM" --name-prefix qc- -q "$R/usr/bin" --suffix "" >/dev/null 2>&1
for a in $ARCHES; do
  [ -e "$BM/qemu-$a" ] || continue
  check "qemu-$a: magic and mask as scripts/qemu-binfmt-conf registers them" \
    bash -c 'diff <(grep "^magic\|^mask\|^offset" "$1") <(grep "^magic\|^mask\|^offset" "$2")' _ "$BM/qemu-$a" "$BM/qc-$a"
done
"$QC_TOP/scripts/qemu-binfmt-conf" --unregister --binfmt-dir "$BM" --name-prefix qc- >/dev/null 2>&1

E --status >"$TMP/s2.json" 2>/dev/null
sup=$(json "$TMP/s2.json" '" ".join(d["supported"])')
check "--status: supported lists linux/386 linux/arm/v7 linux/arm/v6 linux/mips linux/mipsle ($sup)" \
  bash -c 'for p in linux/386 linux/arm/v7 linux/arm/v6 linux/mips linux/mipsle; do grep -qw "$p" <<<"$1" || exit 1; done' _ "$sup"
check "--status: entries say enabled, the image's interpreter, flags F, our magic" \
  [ "$(json "$TMP/s2.json" 'str([(k, v["enabled"], v["interpreter"], v["flags"], v["ours"]) for k, v in sorted(d["entries"].items()) if k == "qemu-arm"])')" = "[('qemu-arm', True, '/usr/bin/qemu-arm', 'F', True)]" ]
check "--status: emulators lists the entries" [ "$(json "$TMP/s2.json" '" ".join(d["emulators"]) + " "')" = "$(entries)" ]

for a in arm mips mipsel; do
  p=$PROGS/$a/showargs-$a
  out=$(timeout -k 5 30 "$p" x y 2>&1)
  check "$a: a guest program runs by path ($out)" grep -qx "arch=$a argv0=$p args=x,y mark=(unset)" <<<"$out"
  w=$(whose $a)
  check "$a: through the image's emulator, opened at registration (flag F; /usr/bin/qemu-$a here is another file): $w" [ "$w" = image ]
done
out=$(QEMU_LD_PREFIX=/usr/$(triplet_of arm) timeout -k 5 30 "$PROGS/arm/showargs-dyn-arm" d 2>&1)
check "arm: a dynamic program runs by path too ($out)" grep -q "^arch=arm .*args=d" <<<"$out"

w=$(whose i386)
if [ $native = 1 ]; then
  check "i386 programs run natively ($w)" [ "$w" = native ]
  E --install 386 --force-i386 >/dev/null 2>"$TMP/i.err"
  w=$(whose i386)
  check "--install 386 --force-i386 registers it: i386 programs run through the image's emulator ($w)" [ "$w" = image ]
else
  check "i386 programs run through the image's emulator: this kernel does not run them ($w)" [ "$w" = image ]
fi

E --install arm -P >/dev/null 2>"$TMP/p.err"
out=$(timeout -k 5 30 bash -c 'exec -a custom0 "$0" z' "$PROGS/arm/showargs-arm" 2>&1)
check "-P: flags PF, the caller's argv[0] reaches the guest ($out)" \
  bash -c 'grep -qx "flags: PF" "$1" && grep -qx "arch=arm argv0=custom0 args=z mark=(unset)" <<<"$2"' _ "$BM/qemu-arm" "$out"
E --install arm -C >/dev/null 2>"$TMP/c.err"
check "-C: flags OCF (C implies O), with a warning" \
  bash -c 'grep -qx "flags: OCF" "$1" && grep -q "flag C" "$2"' _ "$BM/qemu-arm" "$TMP/c.err"
E --install arm -O >/dev/null 2>&1
check "-O: flags OF" grep -qx "flags: OF" "$BM/qemu-arm"
E --install arm --no-fix-binary >/dev/null 2>&1
check "--no-fix-binary: no flags" grep -qx "flags: " "$BM/qemu-arm"
E --install arm >/dev/null 2>&1

E --install arm64 >/dev/null 2>"$TMP/u.err"; st=$?
check "an unsupported platform is refused, nothing done (exit $st)" \
  bash -c '[ "$1" = 2 ] && grep -q "unsupported platform .arm64." "$2"' _ "$st" "$TMP/u.err"
E --bogus >/dev/null 2>&1; st=$?
check "an unknown option is a usage error (exit $st)" [ $st = 2 ]

E --uninstall linux/arm/v7,mipsle >/dev/null 2>&1
check "--uninstall linux/arm/v7,mipsle: platform names work too (left: $(entries))" \
  bash -c '! grep -qw "qemu-arm\|qemu-mipsel" <<<"$1" && grep -qw qemu-mips <<<"$1"' _ "$(entries)"
E --uninstall all >"$TMP/s3.json" 2>"$TMP/s3.err"; st=$?
check "--uninstall all removes every entry (exit $st, left: $(entries))" bash -c '[ "$1" = 0 ] && [ -z "$2" ]' _ "$st" "$(entries)"
check "--status after it: no emulators" [ "$(json "$TMP/s3.json" 'd["emulators"]')" = "[]" ]
out=$(python3 -c 'import os,sys
try: os.execv(sys.argv[1], sys.argv[1:])
except OSError as e: print(e.strerror)' "$PROGS/arm/showargs-arm" 2>&1)
check "arm programs no longer run ($out)" [ "$out" = "Exec format error" ]
E --uninstall arm 2>"$TMP/n.err" >/dev/null; st=$?
check "uninstalling what is not installed is not an error (exit $st)" bash -c '[ "$1" = 0 ] && grep -q "qemu-arm: not installed" "$2"' _ "$st" "$TMP/n.err"
