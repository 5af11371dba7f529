# Sourced by the shell scripts that start a server of their own (browser-tests, production-start).
#
# free_port: a loopback port the kernel reports free right now (bind to port 0), instead of a guess from a range
# that overlaps the ephemeral ports (32768–60999), where the outgoing connections of chromedriver, curl or the
# database clients of a busy CI machine live.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server LOG CMD...: runs CMD with `--port PORT` appended on a free port and waits until /healthz answers ok.
# A port can still be taken between the choice and the bind; the start is then tried again on another port, up to
# three times. Sets server_pid and base; returns non-zero (with the log kept) when the server did not come up.
start_server() {
  local log=$1; shift
  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    base="http://127.0.0.1:$port"
    "$@" --port "$port" > "$log" 2>&1 &
    server_pid=$!
    local i
    for i in $(seq 1 600); do
      if curl -fsS --max-time 2 "$base/healthz" 2>/dev/null | grep -q '"status":"ok"'; then return 0; fi
      if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then return 1; fi   # running but never healthy: a real failure
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    grep -q "Address already in use" "$log" || return 1          # stopped for another reason: a real failure
    echo "port $port was taken before the server bound it; trying another" >&2
  done
  return 1
}
