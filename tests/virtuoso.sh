#!/usr/bin/env bash
# Run a command with a throw-away Virtuoso (Debian's virtuoso-opensource) on loopback:
#   tests/virtuoso.sh COMMAND...
# Starts virtuoso-t with a temp database folder on free ports, exports
# RIGHTSGRAPH_TEST_VIRTUOSO=http://127.0.0.1:PORT (SPARQL at /sparql, authenticated updates at
# /sparql-auth with the fresh database's dba account), runs COMMAND, then shuts Virtuoso down and
# removes the folder, whatever the command's outcome. Exit status: the command's.
set -euo pipefail

command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: apt-get install virtuoso-opensource" >&2; exit 2; }
INI=/etc/virtuoso-opensource-7/virtuoso.ini
[ -r "$INI" ] || INI=/usr/share/virtuoso-opensource-7/virtuoso.ini

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DIR=$(mktemp -d /tmp/rightsgraph-virtuoso.XXXXXX)
SQL_PORT=$(free_port)
HTTP_PORT=$(free_port)
while [ "$HTTP_PORT" = "$SQL_PORT" ]; do HTTP_PORT=$(free_port); done

sed -e "s#/var/lib/virtuoso-opensource-7/db/#$DIR/#g" \
    -e "s#^ServerPort *= *1111#ServerPort = 127.0.0.1:$SQL_PORT#" \
    -e "s#^ServerPort *= *8890#ServerPort = 127.0.0.1:$HTTP_PORT#" \
    -e "s#^DefaultHost *= *localhost:8890#DefaultHost = 127.0.0.1:$HTTP_PORT#" \
    "$INI" > "$DIR/virtuoso.ini"

stop() {
    isql-vt "127.0.0.1:$SQL_PORT" dba dba -K >/dev/null 2>&1 || true
    for _ in $(seq 50); do [ -e "$DIR/virtuoso.lck" ] || break; sleep 0.2; done
    if [ -e "$DIR/virtuoso.lck" ]; then
        pid=$(sed -n 's/^VIRT_PID=//p' "$DIR/virtuoso.lck" 2>/dev/null || true)
        [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
    fi
    rm -rf "$DIR"
}
trap stop EXIT

(cd "$DIR" && virtuoso-t +configfile "$DIR/virtuoso.ini" +wait) >"$DIR/start.log" 2>&1 || {
    echo "Virtuoso did not start:" >&2; tail -20 "$DIR/start.log" "$DIR/virtuoso.log" >&2 2>/dev/null; exit 1; }
python3 - "$HTTP_PORT" <<'PY' || { echo "Virtuoso's SPARQL endpoint did not answer" >&2; exit 1; }
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/sparql?query=ASK%7B%7D"
for _ in range(150):
    try:
        urllib.request.urlopen(url, timeout=2).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
echo "Virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/.*Version \([0-9.]*\).*/\1/p' | head -1) on 127.0.0.1:$HTTP_PORT (data in $DIR)" >&2

export RIGHTSGRAPH_TEST_VIRTUOSO="http://127.0.0.1:$HTTP_PORT"
"$@"
