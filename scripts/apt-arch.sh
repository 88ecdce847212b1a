# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# apt-arch.sh: Debian packages of another architecture of this machine's own
# release, downloaded and unpacked, never installed (sourced by
# scripts/fetch-trinity and tests/conformance/ltp-libaio; the caller defines
# log()).
#
# apt runs with a private configuration under a directory of the caller's
# whose sources are derived from this machine's own enabled `deb` entries for
# its release (CODENAME, CODENAME-updates, CODENAME-security: same URIs,
# components, keys), with apt's architecture set to the wanted one: no
# registry host name is written into this repository, and the machine's own
# apt sources, lists, architectures and installed packages are untouched (no
# dpkg --add-architecture).

apt_arch_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

# apt_arch_setup DIR DEBARCH: write DIR/sources/derived.* from every enabled
# deb entry of this machine whose suite is this release or its -updates/
# -security, update that private state (once a day at most) and set the array
# APT to use it. Returns 1 when apt-get update fails (offline).
apt_arch_setup() {
  local d=$1 da=$2 have=$apt_arch_codename f
  [ -n "$have" ] || { log "no VERSION_CODENAME in /etc/os-release"; exit 1; }
  mkdir -p "$d/sources" "$d/lists/partial" "$d/cache/archives/partial"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v have="$have" 'BEGIN { RS = ""; ORS = "\n\n" }
      /(^|\n)Types:[^\n]*deb([ \n]|$)/ && !/(^|\n)Enabled: *no/ {
        if (!match($0, /(^|\n)Suites:[^\n]*/)) next
        n = split(substr($0, RSTART, RLENGTH), w, /[ \t\n]+/); s = ""
        for (i = 1; i <= n; i++)
          if (w[i] == have || w[i] == have "-updates" || w[i] == have "-security") s = s " " w[i]
        if (s == "") next
        sub(/Types:[^\n]*/, "Types: deb"); sub(/Suites:[^\n]*/, "Suites:" s)
        gsub(/(^|\n)Architectures:[^\n]*/, ""); print }' "$f"
  done >"$d/sources/derived.sources"
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v have="$have" '$1 == "deb" {
        i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        s = $(i + 1)
        if (s != have && s != have "-updates" && s != have "-security") next
        if (i > 2) { $2 = ""; for (j = 3; j < i; j++) $j = "" }   # no [arch=...] options
        print }' >"$d/sources/derived.list" || true
  if ! [ -s "$d/sources/derived.sources" ] && ! [ -s "$d/sources/derived.list" ]; then
    log "no apt source of this machine for $have to derive from"; exit 1
  fi
  APT=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$d/sources"
       -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache" -o Dir::State::status=/dev/null
       -o "APT::Architecture=$da" -o "APT::Architectures=$da" -o APT::Sandbox::User=root -qq)
  # (a stamp: apt keeps the lists' times when the archive has not changed)
  if [ -z "$(find "$d/.updated" -mtime -1 -print 2>/dev/null)" ] ||
     [ -z "$(find "$d/lists" -maxdepth 1 -name '*Packages*' -print -quit)" ]; then
    log "apt-get update (private, $d: deb entries of this machine's $have for $da)"
    apt-get "${APT[@]}" update >&2 || return 1
    touch "$d/.updated"
  fi
}

# apt_arch_fetch APTDIR DEBARCH ROOT VERSIONS PKG...: unpack the candidate
# versions of PKG:DEBARCH into ROOT (replaced whole) and write their
# "package version" lines to VERSIONS. Nothing is fetched when VERSIONS already
# names the candidates. Offline (apt-get update fails), what was unpacked
# before is kept with a message; with nothing unpacked before it returns 1.
apt_arch_fetch() {
  local ad=$1 da=$2 root=$3 versions=$4 want p deb; shift 4
  if ! apt_arch_setup "$ad" "$da"; then
    [ -s "$versions" ] && [ -d "$root" ] || { log "$da: apt-get update failed and nothing unpacked in $root"; return 1; }
    log "$da: apt-get update failed; using $root: $(tr '\n' ' ' <"$versions")"
    return 0
  fi
  want=$(for p in "$@"; do
           printf '%s %s\n' "$p" "$(apt-cache "${APT[@]}" policy "$p:$da" | awk '/Candidate:/ { print $2 }')"
         done)
  if grep -q ' (none)$\| $' <<<"$want"; then
    log "$da: no candidate for: $(grep ' (none)$\| $' <<<"$want" | cut -d' ' -f1 | tr '\n' ' ')$(
      [ -n "$(find "$ad/lists" -maxdepth 1 -name '*Packages*' -print -quit)" ] || echo "(no package lists: offline?)")"; return 1
  fi
  [ -d "$root" ] && [ "$want" = "$(cat "$versions" 2>/dev/null)" ] && return 0
  rm -rf "$root.debs" "$root.new"
  mkdir -p "$root.debs" "$root.new"
  log "$da: apt-get download $(tr '\n' ' ' <<<"$want")"
  # shellcheck disable=SC2046
  (cd "$root.debs" && apt-get "${APT[@]}" download $(awk -v da="$da" '{ print $1 ":" da "=" $2 }' <<<"$want") >&2) || return 1
  for deb in "$root.debs"/*.deb; do
    dpkg-deb -x "$deb" "$root.new"
  done
  rm -rf "$root" "$root.debs"
  mv "$root.new" "$root"
  printf '%s\n' "$want" >"$versions"
  log "$da: unpacked under $root: $(tr '\n' ' ' <<<"$want")"
}
