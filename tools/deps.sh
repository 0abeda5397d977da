#!/bin/sh
# deps.sh: make sure the Debian 12 packages ttydesk builds and tests with are
# installed, then write the compiler flags pkg-config gives to $1 (a make
# fragment). Installs with apt-get as root, with sudo when that works without
# a password, and otherwise prints the exact command and fails.
set -eu

out=${1:-}
pcmods="ncursesw libcurl libcjson libnotify readline sqlite3 libxml-2.0 libutf8proc"
# package of each pkg-config module, in the same order
pkgs="libncurses-dev libcurl4-openssl-dev libcjson-dev libnotify-dev libreadline-dev libsqlite3-dev libxml2-dev libutf8proc-dev"
# needed by `make test` and `make bench`, not by the program itself
tools_pkgs="libcmocka-dev pkg-config gcc make tmux python3 sqlite3 curl openssl apertium-eng-spa"
# the notification tests run a notification server on a private session
# bus; the man page test lints with mandoc and renders with man -l
tools_pkgs="$tools_pkgs dbus-daemon python3-dbus python3-gi mandoc man-db"

missing=""
for p in $pkgs $tools_pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done

if [ -n "$missing" ]; then
    echo "deps: installing missing Debian packages:$missing" >&2
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "deps: not root and no password-less sudo; run this, then make again:" >&2
        echo "    sudo apt-get install -y$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # The package lists of a fresh machine may be empty or stale.
    $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
        $SUDO apt-get update -q >/dev/null
        $SUDO apt-get install -y -q --no-install-recommends $missing
    }
fi

for m in $pcmods cmocka; do
    pkg-config --exists "$m" || { echo "deps: pkg-config cannot find $m" >&2; exit 1; }
done

if [ -n "$out" ]; then
    mkdir -p "$(dirname "$out")"
    {
        echo "# written by tools/deps.sh; delete to redo"
        echo "PKG_CFLAGS := $(pkg-config --cflags $pcmods)"
        echo "PKG_LIBS := $(pkg-config --libs $pcmods)"
        echo "CMOCKA_CFLAGS := $(pkg-config --cflags cmocka)"
        echo "CMOCKA_LIBS := $(pkg-config --libs cmocka)"
    } > "$out.tmp"
    mv "$out.tmp" "$out"
fi
