#!/usr/bin/env bash
# Fills a KUBEBUILDER_ASSETS-style folder (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler) from Debian's own packages, for the test control plane.
# Usage: build-debian.sh [OUT_DIR]   (default: ~/.cache/cluster-insight/kube-<version>)
# Prints the folder on the last line of stdout. Rebuilds only what is missing.
set -euo pipefail

log() { echo "[control-plane] $*" >&2; }
need_root_or_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/cluster-insight"
binaries=(kube-apiserver kube-controller-manager kube-scheduler)

have_all() {
  local dir=$1
  for b in etcd "${binaries[@]}"; do [ -x "$dir/$b" ] || return 1; done
}

# Fast path: a previous build of any version that is complete.
if [ -n "${1:-}" ] && have_all "$1"; then echo "$1"; exit 0; fi
if [ -z "${1:-}" ]; then
  for d in "$cache_root"/kube-*; do
    if [ -d "$d" ] && have_all "$d"; then log "cached: $d"; echo "$d"; exit 0; fi
  done
fi

export DEBIAN_FRONTEND=noninteractive
missing_pkgs=()
for p in golang-go etcd-server dpkg-dev rsync; do
  dpkg -s "$p" >/dev/null 2>&1 || missing_pkgs+=("$p")
done
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  log "installing ${missing_pkgs[*]}"
  need_root_or_sudo apt-get update -qq
  need_root_or_sudo apt-get install -y -qq "${missing_pkgs[@]}" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ci-kube-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A private sources list with deb-src lines derived from the machine's own apt sources,
# so /etc/apt is never edited.
sources="$work/sources.list"
python3 - "$sources" <<'PY'
import glob, os, sys, re
out = []
def add(uri, suite, comps):
    for t in ("deb", "deb-src"):
        out.append(f"{t} [trusted=no] {uri} {suite} {comps}".replace("[trusted=no] ", ""))
for f in glob.glob("/etc/apt/sources.list.d/*.sources"):
    stanza = {}
    for block in re.split(r"\n\s*\n", open(f).read()):
        fields = {}
        for line in block.splitlines():
            if line.startswith("#") or ":" not in line: continue
            k, v = line.split(":", 1); fields[k.strip()] = v.strip()
        if "URIs" not in fields or "debian" not in fields["URIs"]: continue
        for uri in fields["URIs"].split():
            for suite in fields.get("Suites", "").split():
                add(uri, suite, fields.get("Components", "main"))
for f in ["/etc/apt/sources.list"] + glob.glob("/etc/apt/sources.list.d/*.list"):
    if not os.path.exists(f): continue
    for line in open(f):
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "deb" and "debian" in parts[1]:
            add(parts[1], parts[2], " ".join(parts[3:]))
if not out: sys.exit("no Debian apt sources found in /etc/apt")
open(sys.argv[1], "w").write("\n".join(dict.fromkeys(out)) + "\n")
PY
mkdir -p "$work/parts" "$work/lists/partial"
apt_opts=(-o "Dir::Etc::SourceList=$sources" -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::Lists=$work/lists")
log "fetching the Debian kubernetes source package"
apt-get "${apt_opts[@]}" update -qq >&2
version=$(apt-cache "${apt_opts[@]}" showsrc kubernetes | awk '/^Version:/{print $2; exit}')
upstream=${version%%-*}; upstream=${upstream#*:}; upstream=${upstream##*+really}
out="${1:-$cache_root/kube-$upstream}"
if have_all "$out"; then log "cached: $out"; echo "$out"; exit 0; fi
mkdir -p "$out"

cd "$work"
apt-get "${apt_opts[@]}" source --download-only kubernetes >&2
dpkg-source -x --no-check kubernetes_*.dsc src >&2 2>&1 | tail -1 >&2 || true
tree="$work/src"

# Go 1.19 with the vendored reflect2 v1.0.1 crashes the API server on list requests:
# swap in Debian's reflect2 1.0.2.
log "replacing vendored reflect2 with Debian's 1.0.2"
apt-get "${apt_opts[@]}" download golang-github-modern-go-reflect2-dev >&2
dpkg-deb -x golang-github-modern-go-reflect2-dev_*.deb reflect2
fixed=$(dirname "$(find reflect2 -name reflect2.go | head -1)")
vend="$tree/vendor/github.com/modern-go/reflect2"
rm -f "$vend"/*.go "$vend"/*.s
cp "$fixed"/*.go "$vend"/
cp "$fixed"/*.s "$vend"/ 2>/dev/null || true

log "building ${binaries[*]} (a few minutes on 2 cores)"
cd "$tree"
mkdir -p .go/src/k8s.io && ln -sfn ../../.. .go/src/k8s.io/kubernetes
GOPATH="$PWD/.go" CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=vendor \
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler" >&2
for b in "${binaries[@]}"; do
  src=$(find _output -type f -name "$b" -perm -u+x | head -1)
  [ -n "$src" ] || { log "build did not produce $b"; exit 1; }
  cp "$src" "$out/$b"
done
ln -sfn "$(command -v etcd || echo /usr/bin/etcd)" "$out/etcd"
log "done: $out"
echo "$out"
