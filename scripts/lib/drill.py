"""Shared pieces of the failure drills (issue 20): the server as a process, operators accepting cases under load,
and the checks that count what an acknowledgement promised. Python 3 standard library only; threads for the load.

A drill runs the DEBUG build in development mode without key variables: the development card simulator signs
operators in, and the development keys live in `<data_dir>/development-keys.json` (copy it along with the data).

The load and the check live in drill_load.py and drill_check.py beside this file; use them through this module."""
import http.client
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the sibling modules, however drill.py was imported

from drill_check import CheckResult, check, repeated_numbers  # noqa: E402,F401 (the library's API)
from drill_load import Ack, Load, LoadResult  # noqa: E402,F401
from drill_session import PageReader, Refused, Session, read_sample  # noqa: E402,F401

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEY_VARIABLES = ("JIUJINBAN_DATA_KEY", "JIUJINBAN_INDEX_KEY", "JIUJINBAN_AUDIT_KEY", "JIUJINBAN_CARD_PUBLIC_KEY")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def debug_binary(repo=REPO):
    """`JJB_BIN`, or `<repo>/.build/debug/jiujinban`, built when missing."""
    if os.environ.get("JJB_BIN"):
        return os.environ["JJB_BIN"]
    path = os.path.join(repo, ".build", "debug", "jiujinban")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "--product", "jiujinban"], cwd=repo, check=True)
    return path


def server_env(data_dir, env=None):
    """The process environment of a drill's commands: development mode, no key variables (the development keys of
    the data folder are used), the given data folder, and `env` on top (DATABASE_URL, …)."""
    result = {k: v for k, v in os.environ.items() if k not in KEY_VARIABLES}
    result.setdefault("LOG_LEVEL", "info")
    result["JIUJINBAN_DATA_DIR"] = data_dir
    result.update(env or {})
    return result


def prepare(bin, data_dir, citizens=2000, operators=8, env=None):
    """Fills the database with synthetic citizens and operators; returns the sample file (operators' person ids,
    citizens' ID numbers) the load signs in and looks up with."""
    os.makedirs(data_dir, exist_ok=True)
    data_dir = os.path.abspath(data_dir)
    sample = os.path.join(os.path.dirname(data_dir), f"sample-{os.path.basename(data_dir)}.json")
    done = subprocess.run([bin, "generate-data", "--citizens", str(citizens), "--operators", str(operators),
                           "--sample-file", sample], env=server_env(data_dir, env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"generate-data failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return sample


class Server:
    """One `jiujinban serve` process on 127.0.0.1:port; stderr and stdout go to `<data_dir>/../server-<name>.log`."""

    def __init__(self, bin, data_dir, port, env=None, name="a"):
        self.bin, self.data_dir, self.port, self.env, self.name = bin, data_dir, port, env, name
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(os.path.dirname(os.path.abspath(data_dir)), f"server-{name}.log")
        self.process = None

    def start(self, timeout=60):
        """Spawns the server and waits for `/healthz` to answer 200; returns the seconds that took."""
        if self.process and self.process.poll() is None:
            raise RuntimeError(f"server {self.name} is already running")
        started = time.monotonic()
        with open(self.log_path, "a") as log:
            log.write(f"---- start {time.strftime('%H:%M:%S')}\n")
            log.flush()
            self.process = subprocess.Popen(
                [self.bin, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                env=server_env(self.data_dir, self.env), stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited with {self.process.returncode}:\n{self.log_tail(30)}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return time.monotonic() - started
                conn.close()
            except OSError:
                pass
            if time.monotonic() - started > timeout:
                self.kill()
                raise RuntimeError(f"server {self.name} did not answer /healthz within {timeout} s:\n"
                                   f"{self.log_tail(30)}")
            time.sleep(0.02)

    def _signal(self, sig, wait):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would; waits for the process to be gone."""
        self._signal(signal.SIGKILL, 30)

    def stop(self, timeout=30):
        """SIGTERM (a graceful shutdown); SIGKILL if it does not end within `timeout` seconds."""
        self._signal(signal.SIGTERM, timeout)

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, n=20):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""


def audit_verify(bin, data_dir, env=None):
    """`jiujinban audit verify` on the data folder (the server stopped or running): (passed, output)."""
    done = subprocess.run([bin, "audit", "verify"], env=server_env(data_dir, env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode == 0, done.stdout.strip()


def result(**counts):
    """Prints the drill's last line: `RESULT k=v …` in the order given."""
    line = "RESULT " + " ".join(f"{key}={value}" for key, value in counts.items())
    print(line, flush=True)
    return line
