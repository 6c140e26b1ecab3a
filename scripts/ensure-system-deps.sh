#!/usr/bin/env bash
# Brings what npm cannot: Debian's Chromium (browser tests) and a running PostgreSQL on
# 127.0.0.1:5432 (the PostgreSQL run of the runtime suite). Installs with apt-get when we are
# root and may; otherwise prints exactly what to install and carries on (those tests then skip).
set -uo pipefail

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${LINLI_NO_APT:-}" != 1 ]; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  if can_apt; then
    echo "[pretest] installing Debian's chromium for the browser tests…"
    apt_install chromium || echo "[pretest] apt-get install chromium failed; browser tests will be skipped"
  else
    echo "[pretest] /usr/bin/chromium is missing: run 'sudo apt-get install -y chromium' (browser tests are skipped without it)"
  fi
fi

# Without CJK fonts headless Chromium draws Chinese as empty boxes in the screenshots.
if [ -x /usr/bin/chromium ] && ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  if can_apt; then
    echo "[pretest] installing fonts-noto-cjk for Chinese text in the browser tests…"
    apt_install fonts-noto-cjk || echo "[pretest] apt-get install fonts-noto-cjk failed; screenshots will lack Chinese glyphs"
  else
    echo "[pretest] Chinese fonts are missing: run 'sudo apt-get install -y fonts-noto-cjk'"
  fi
fi

if [ "${LINLI_WITH_POSTGRES:-}" = 1 ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if can_apt; then
      echo "[pretest] installing PostgreSQL…"
      apt_install postgresql || echo "[pretest] apt-get install postgresql failed"
    else
      echo "[pretest] PostgreSQL is missing: run 'sudo apt-get install -y postgresql'"
    fi
  fi
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [ -n "$version" ] && [ "$(id -u)" = 0 ]; then
      echo "[pretest] starting PostgreSQL $version…"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
      for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
  fi
fi
exit 0
