"""A throw-away PostgreSQL cluster for the drills that need one (drill-postgres-restart, drill-two-instances): its own
temporary folder, a free port, started and restarted with pg_ctl, removed on `.destroy()`. Like `.ci/run`: the newest
installed server, run as user `postgres` when the drill runs as root (PostgreSQL refuses to run as root)."""
import glob
import os
import re
import shutil
import subprocess
import tempfile

import drill


def _version(path):
    return [int(part) for part in re.findall(r"\d+", path)]


class Postgres:
    def __init__(self, port=None):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version)
        if not found:
            raise RuntimeError("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql")
        self.bin = found[-1]
        self.port = port or drill.free_port()
        self.root = tempfile.mkdtemp(prefix="jjb-drill-pg.")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "server.log")
        self.as_pg = []
        if os.geteuid() == 0:
            if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
            shutil.chown(self.root, "postgres")
            self.as_pg = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://jjb@127.0.0.1:{self.port}/postgres"

    def _run(self, *args):
        done = subprocess.run(self.as_pg + list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{self.log_tail()}")
        return done.stdout

    def _ctl(self, *args):
        # -o on every start: a restart then keeps the port, the socket folder and the settings.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=300"
        return self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-t", "60",
                         "-o", options, *args)

    def init(self):
        self._run(os.path.join(self.bin, "initdb"), "-D", self.data, "-A", "trust", "-U", "jjb", "--encoding=UTF8",
                  "--locale=C.UTF-8")
        return self

    def start(self):
        self._ctl("start")
        return self

    def stop(self, mode="fast"):
        self._ctl("-m", mode, "stop")

    def restart(self, mode="fast"):
        """`pg_ctl restart -m MODE`: fast ends every session (FATAL 57P01) and checkpoints; immediate kills the
        server without a checkpoint, as a crash would, and the start recovers from the write-ahead log."""
        self._ctl("-m", mode, "restart")

    def stop_quietly(self):
        """Stops the server if it runs (end of a drill, also after a failure)."""
        subprocess.run(self.as_pg + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True)

    def destroy(self):
        self.stop_quietly()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, n=15):
        try:
            with open(self.log, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def query(self, sql):
        """Rows of one statement through psql, each a list of column texts (the drills' own counts)."""
        out = self._run(os.path.join(self.bin, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "jjb", "-d",
                        "postgres", "-X", "-A", "-t", "-F", "\t", "-c", sql)
        return [line.split("\t") for line in out.splitlines() if line]


def clean_up(root, postgres, say):
    """The end of a PostgreSQL drill: the cluster stopped, then the drill's folder and the cluster's removed, or both
    kept (and named) when KEEP_DRILL_DIR is set."""
    if postgres is not None:
        postgres.stop_quietly()
    if os.environ.get("KEEP_DRILL_DIR"):
        say(f"kept {root}" + (f" and {postgres.root}" if postgres else ""))
    else:
        shutil.rmtree(root, ignore_errors=True)
        if postgres is not None:
            postgres.destroy()
