#!/usr/bin/env bash
# Builds the services' base image from Debian's packages, without a Docker engine or a registry:
# `apt-get download` of a Java 17 headless runtime and the few libraries it loads, unpacked with
# `dpkg-deb -x` (no maintainer scripts run), plus what those scripts would have made (the CA
# bundles, /bin/sh, a passwd entry for uid 185). Packed as a one-layer docker-archive tar that
# ImageBuilder (jib-core) uses as its `tar://` base. ADR: docs/adr/*-container-images.md.
#
#   build-base.sh OUT_DIR     writes OUT_DIR/base-image.tar and OUT_DIR/base-packages.txt
#
# Needs apt-get, dpkg-deb, GNU tar, sha256sum and a JDK 17 `java` (for the CA keystore); runs
# `apt-get update` when apt has no package lists yet (a fresh machine). Nothing is cached outside
# OUT_DIR except apt's own lists. Does nothing when OUT_DIR/base-image.tar exists (mvn clean redoes it).
set -euo pipefail

OUT="$(mkdir -p "${1:?usage: build-base.sh OUT_DIR}" && cd "$1" && pwd)"
HERE="$(cd "$(dirname "$0")" && pwd)"
if [[ -s "$OUT/base-image.tar" ]]; then
  echo "build-base: $OUT/base-image.tar exists"
  exit 0
fi

# The runtime and exactly what it loads at run time for a headless server: libjvm (libc, libgcc,
# libstdc++), libzip (zlib), the C.UTF-8 locale (libc-bin), time zones, CA certificates, and dash
# for the entrypoint's variable expansion. openjdk-17-jre-headless also Depends on AWT, sound,
# smart-card, printing and NSS libraries that the services never load (no java.awt use); leaving
# them out keeps the image small. ReadOnlyRunTest starts a service on this base, which proves the
# list is enough for what the services do at start.
PACKAGES=(openjdk-17-jre-headless libc6 libc-bin libgcc-s1 libstdc++6 zlib1g ca-certificates tzdata dash)

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "build-base: needs Debian's apt-get and dpkg-deb (the base is made from Debian packages)" >&2
  exit 1
fi
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); fi
fi
if ! apt-cache show openjdk-17-jre-headless >/dev/null 2>&1; then
  echo "build-base: apt has no package lists yet; running apt-get update"
  "${SUDO[@]}" apt-get update -q
fi

WORK="$OUT/work"
rm -rf "$WORK"
mkdir -p "$WORK/debs" "$WORK/rootfs"
(cd "$WORK/debs" && apt-get download -q -o APT::Sandbox::User=root "${PACKAGES[@]}")

ROOT="$WORK/rootfs"
: > "$WORK/status"
for deb in "$WORK"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
  # A dpkg status database, so that image scanners see which packages (and versions) are inside.
  { dpkg-deb -f "$deb" Package Version Architecture Maintainer Source Installed-Size Description \
      | sed '1a Status: install ok installed'; echo; } >> "$WORK/status"
done
mkdir -p "$ROOT/var/lib/dpkg"
cp "$WORK/status" "$ROOT/var/lib/dpkg/status"
for deb in "$WORK"/debs/*.deb; do
  printf '%s\t%s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)"
done | sort > "$OUT/base-packages.txt"
mkdir -p "$ROOT/usr/share/minqing"
cp "$OUT/base-packages.txt" "$ROOT/usr/share/minqing/base-packages.txt"

# What the packages' maintainer scripts would have done.
ln -sfn dash "$ROOT/bin/sh"
JAVA_HOME_REL=usr/lib/jvm/java-17-openjdk-amd64
mkdir -p "$ROOT/etc/ssl/certs/java"
find "$ROOT/usr/share/ca-certificates/mozilla" -name '*.crt' | sort | xargs cat > "$ROOT/etc/ssl/certs/ca-certificates.crt"
java "$HERE/base/CaCerts.java" "$ROOT/usr/share/ca-certificates/mozilla" "$ROOT/etc/ssl/certs/java/cacerts"
cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
minqing:x:185:185:Minqing service:/deployments:/usr/sbin/nologin
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
minqing:x:185:
GROUP
echo 'hosts: files dns' > "$ROOT/etc/nsswitch.conf"
ln -sfn /usr/share/zoneinfo/Asia/Shanghai "$ROOT/etc/localtime"
echo Asia/Shanghai > "$ROOT/etc/timezone"
# Mount points and the only writable place (an emptyDir in Kubernetes); the application directory
# belongs to root and stays read-only for uid 185.
mkdir -p "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/root" "$ROOT/deployments" "$ROOT/tmp"
chmod 1777 "$ROOT/tmp"
chmod 700 "$ROOT/root"

# Not needed at run time: documentation, javac's ct.sym, the debugger helper, manual pages.
rm -rf "$ROOT/usr/share/doc" "$ROOT/usr/share/man" "$ROOT/usr/share/info" "$ROOT/usr/share/lintian" \
       "$ROOT/usr/share/gdb" "$ROOT/usr/share/menu" "$ROOT/$JAVA_HOME_REL/lib/ct.sym" \
       "$ROOT/$JAVA_HOME_REL/docs"   # a link into the documentation removed above
# No setuid or setgid file in the image (none is expected from these packages; this makes it certain).
find "$ROOT" -xdev -perm /6000 -type f -exec chmod ug-s {} +

# One layer, reproducible for the same package versions: sorted, owned by root, fixed times.
EPOCH="${SOURCE_DATE_EPOCH:-0}"
tar -C "$ROOT" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
    --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -cf "$WORK/layer.tar" .
DIFF_ID="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"

IMG="$WORK/image"
mkdir -p "$IMG"
mv "$WORK/layer.tar" "$IMG/layer.tar"
cat > "$IMG/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/$JAVA_HOME_REL/bin",
                  "JAVA_HOME=/$JAVA_HOME_REL","LANG=C.UTF-8","TZ=Asia/Shanghai"],
           "Labels":{"org.opencontainers.image.description":"Minqing base: Debian 12 packages, OpenJDK 17 headless runtime"}},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"infra/images/build-base.sh: $(tr '\n\t' ' =' < "$OUT/base-packages.txt")"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["minqing/base:debian12-jre17"],"Layers":["layer.tar"]}]' > "$IMG/manifest.json"
tar -C "$IMG" --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" -cf "$OUT/base-image.tar.part" manifest.json config.json layer.tar
mv "$OUT/base-image.tar.part" "$OUT/base-image.tar"
rm -rf "$WORK"
echo "build-base: $OUT/base-image.tar ($(du -h "$OUT/base-image.tar" | cut -f1)) from:"
sed 's/^/  /' "$OUT/base-packages.txt"
