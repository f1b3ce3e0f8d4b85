#!/bin/bash
# Entrypoint of a cluster node container (privileged): the mounts Docker-in-Docker needs, then
# dockerd in the foreground. Arguments are passed to dockerd (e.g. --insecure-registry).
set -euo pipefail
# Not --privileged (this machine's bounding set lacks CAP_SYS_RESOURCE, and --privileged asks for
# every capability): the node has the others, no seccomp/AppArmor profile, and mounts what
# Docker-in-Docker needs itself: /sys read-write and the cgroup v1 hierarchies (as the classic
# dind script and cgroupfs-mount do); on cgroup v2 the one unified hierarchy.
mount -o remount,rw /sys 2>/dev/null || true
if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
  mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
else
  # the engine that runs this container mounted them read-only: mount them afresh
  umount -R /sys/fs/cgroup 2>/dev/null || true
  mount -t tmpfs -o uid=0,gid=0,mode=0755 cgroup /sys/fs/cgroup
  for sys in $(awk '!/^#/ { if ($4 == 1) print $1 }' /proc/cgroups); do
    mkdir -p "/sys/fs/cgroup/$sys"
    if ! mountpoint -q "/sys/fs/cgroup/$sys"; then
      mount -n -t cgroup -o "$sys" cgroup "/sys/fs/cgroup/$sys" 2>/dev/null || rmdir "/sys/fs/cgroup/$sys" || true
    fi
  done
  if ! mountpoint -q /sys/fs/cgroup/systemd; then
    mkdir -p /sys/fs/cgroup/systemd
    mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd 2>/dev/null || true
  fi
fi
mountpoint -q /sys/kernel/security || mount -t securityfs none /sys/kernel/security 2>/dev/null || true
mountpoint -q /tmp || mount -t tmpfs -o mode=1777 none /tmp
# a node container killed hard and started again: its engine's pid files are stale
rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
exec dockerd --host=unix:///var/run/docker.sock --host=unix:///shop-swarm/docker.sock \
  --storage-driver=overlay2 --log-driver=json-file --log-opt=max-size=10m "$@"
