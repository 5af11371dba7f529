"""Drives bench-startup: starts the release binary several times on a prepared SQLite database and measures."""
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from signin import sign_in

binary = sys.argv[1]
runs = int(os.environ.get("BENCH_RUNS", "5"))
requests = int(os.environ.get("BENCH_REQUESTS", "1000"))
data_dir = tempfile.mkdtemp(prefix="jjb-bench-")
env = dict(os.environ, JIUJINBAN_DATA_DIR=data_dir, LOG_LEVEL="warning")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


# Prepare the database (migrations + demonstration data) outside the measurement.
subprocess.run([binary, "service-points", "export", "--county", "140830"], env=env, check=True,
               stdout=subprocess.DEVNULL)

startups = []
final_rss = None
for run in range(runs):
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = started + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                raise RuntimeError("server did not answer /healthz within 30 s")
            time.sleep(0.002)
        startups.append(time.perf_counter() - started)
        if run == runs - 1:
            cookie = sign_in(port)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            for i in range(requests):
                page = 1 + i % 4
                conn.request("GET", f"/service-points?page={page}", headers={"Cookie": cookie})
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or "服务点".encode() not in body:
                    raise RuntimeError(f"unexpected answer {response.status}")
            final_rss = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

print(f"startup runs (s): {', '.join(f'{s:.3f}' for s in startups)}")
print(f"requests to /service-points: {requests}, resident memory after them: {final_rss:.1f} MB")
print(f"RESULT startup_s={statistics.median(startups):.3f} rss_mb={final_rss:.1f}")
