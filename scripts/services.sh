#!/usr/bin/env bash
# Make sure the services the tests need are up: PostgreSQL and Redis on 127.0.0.1, the
# Google Cloud CLI's Pub/Sub emulator installed (the tests start the emulator themselves), and
# Debian's chromium for the dashboard's browser tests (tests/e2e/, driven by Playwright, whose
# own browser download is never used).
# Starts a stopped PostgreSQL or Redis with the machine's own commands; fails loudly otherwise.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL could not be started" >&2; exit 1; }
fi

if ! redis_up; then
  echo "Redis is not answering on 127.0.0.1:6379; starting it"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "Redis could not be started" >&2; exit 1; }
fi

if ! command -v gcloud >/dev/null 2>&1; then
  echo "gcloud (Google Cloud CLI, with the Pub/Sub emulator component) is not installed" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "/usr/bin/chromium is missing; installing Debian's chromium"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
  else
    sudo apt-get install -y chromium || { sudo apt-get update && sudo apt-get install -y chromium; }
  fi
  [ -x /usr/bin/chromium ] || { echo "chromium could not be installed" >&2; exit 1; }
fi

echo "services ready: PostgreSQL, Redis, gcloud $(gcloud --version 2>/dev/null | head -1)," \
  "$(/usr/bin/chromium --version 2>/dev/null)"
