#!/usr/bin/env bash
# Runs an unpacked image the way a container runtime with readOnlyRootFilesystem would, without one
# (podman and runc fail on these machines: "setrlimit ... Operation not permitted"). Must be started
# as root inside a mount namespace of its own: `unshare -m run-readonly.sh ROOTFS UID:GID WORKDIR CMD...`.
#
# ROOTFS is bind-mounted onto itself read-only (nosuid, nodev); /proc, a minimal /dev and a tmpfs /tmp
# (the emptyDir of the Kubernetes manifests) are mounted inside; then CMD runs chrooted as UID:GID in
# WORKDIR, with this script's environment, and replaces this process (same pid). Before that, a probe
# as the same user tries to write to the root filesystem and to /tmp and prints what happened. The
# mounts disappear with the namespace when the process ends. Used by ReadOnlyRunTest.
set -euo pipefail
ROOT="${1:?usage: run-readonly.sh ROOTFS UID:GID WORKDIR CMD...}"
USERSPEC="${2:?}"
WORKDIR="${3:?}"
shift 3
TOOLS=/usr/sbin:/usr/bin:/sbin:/bin
if [[ "$(id -u)" != 0 ]]; then
  echo "run-readonly: must run as root (mount, chroot)" >&2
  exit 2
fi
PATH="$TOOLS" mount --make-rprivate /
PATH="$TOOLS" mount --bind "$ROOT" "$ROOT"
PATH="$TOOLS" mount -o remount,bind,ro,nosuid,nodev "$ROOT"
PATH="$TOOLS" mount -t proc -o nosuid,nodev,noexec proc "$ROOT/proc"
PATH="$TOOLS" mount -t tmpfs -o nosuid,noexec,mode=755,size=64k tmpfs "$ROOT/dev"
for d in null zero random urandom; do
  : > "$ROOT/dev/$d"
  PATH="$TOOLS" mount --bind "/dev/$d" "$ROOT/dev/$d"
done
ln -s /proc/self/fd "$ROOT/dev/fd"
PATH="$TOOLS" mount -t tmpfs -o nosuid,nodev,mode=1777,size=256m tmpfs "$ROOT/tmp"

CHROOT=(/usr/sbin/chroot --userspec="$USERSPEC" --groups="${USERSPEC#*:}" "$ROOT")
if "${CHROOT[@]}" /bin/sh -c 'echo probe > /deployments/probe' 2>"$ROOT/tmp/probe.err"; then
  echo "run-readonly: PROBE WROTE TO THE ROOT FILESYSTEM (/deployments/probe)"
  exit 3
fi
echo "run-readonly: probe as $USERSPEC, write to /deployments refused: $(cat "$ROOT/tmp/probe.err")"
if "${CHROOT[@]}" /bin/sh -c 'echo probe > /tmp/probe' 2>>"$ROOT/tmp/probe.err"; then
  echo "run-readonly: probe as $USERSPEC, write to /tmp allowed"
fi
rm -f "$ROOT/tmp/probe.err" "$ROOT/tmp/probe"
exec "${CHROOT[@]}" /bin/sh -c 'cd "$0" && exec "$@"' "$WORKDIR" "$@"
