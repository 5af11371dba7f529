"""drill-restore (issue 20): a backup taken under load, restored into a new folder, started, and compared with the
original it was taken from."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import drill

CITIZENS = int(os.environ.get("CITIZENS", "3000"))
CLIENTS = int(os.environ.get("CLIENTS", "8"))
LOAD_BEFORE = 3.0  # seconds of load before the backup starts
LOAD_AFTER = 2.0   # and after it ends, so the original moves on past the copy
STARTED = time.monotonic()


def say(text):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


def run(bin, data_dir, *arguments):
    done = subprocess.run([bin, *arguments], env=drill.server_env(data_dir), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    return done.returncode, done.stdout.strip(), done.stderr.strip()


def table_rows(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def audit_prefix(original, restored):
    """Rows of the restored chain whose hash differs from the original's at the same sequence (0 when the restored
    chain is the original's own beginning), and how many rows the restored chain has."""
    with sqlite3.connect(restored) as db:
        rows = dict(db.execute("SELECT seq, hash FROM audit_log"))
    with sqlite3.connect(original) as db:
        theirs = dict(db.execute("SELECT seq, hash FROM audit_log WHERE seq <= ?", (max(rows, default=0),)))
    return sum(1 for seq, digest in rows.items() if theirs.get(seq) != digest), len(rows)


def main():
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-restore-")
    original_dir, restored_dir = os.path.join(root, "data"), os.path.join(root, "restored")
    backup = os.path.join(root, "jiujinban-backup.tar")
    servers, load, problems = [], None, []
    try:
        sample = drill.prepare(bin, original_dir, citizens=CITIZENS, operators=8)
        original = drill.Server(bin, original_dir, drill.free_port(), name="original")
        servers.append(original)
        original.start()
        load = drill.Load(original.url, sample, clients=CLIENTS).start()
        if not load.wait_ready():
            raise RuntimeError(f"the operators could not start accepting cases: {load.result.errors}")
        time.sleep(LOAD_BEFORE)
        before = load.acknowledged()
        say(f"{len(before)} cases acknowledged; backing up while the load goes on")
        began = time.monotonic()
        status, out, err = run(bin, original_dir, "backup", "--to", backup)
        backup_seconds = time.monotonic() - began
        say(f"backup exited {status} after {backup_seconds:.1f} s: {out or err[-500:]}")
        if status != 0:
            raise RuntimeError("the backup failed")
        during = len(load.acknowledged()) - len(before)
        time.sleep(LOAD_AFTER)
        result = load.stop()
        load = None
        say(f"load: {result.summary()}; {during} acknowledged while the backup ran")
        if result.refused_5xx:
            problems.append(f"{result.refused_5xx} answers were 5xx during the backup: {result.refused_statuses}")
        original.stop()

        # The keys stay outside the backup: the new folder gets the development keys the way an operator copies them.
        os.makedirs(restored_dir)
        shutil.copy2(os.path.join(original_dir, "development-keys.json"), restored_dir)
        status, out, err = run(bin, restored_dir, "restore", "--from", backup)
        say(f"restore exited {status}: {out or err}")
        if status != 0:
            raise RuntimeError("the restore failed")
        status, out, err = run(bin, restored_dir, "restore", "--from", backup)
        say(f"restore again over the restored data: exited {status}: {err.splitlines()[0] if err else out}")
        if status == 0:
            problems.append("a second restore over the restored data was not refused")

        # Before the restored server writes rows of its own: the restored chain must be the original's beginning.
        original_db = os.path.join(original_dir, "jiujinban.sqlite")
        restored_db = os.path.join(restored_dir, "jiujinban.sqlite")
        original_cases, restored_cases = table_rows(original_db, "cases"), table_rows(restored_db, "cases")
        differing, audit_rows = audit_prefix(original_db, restored_db)
        say(f"cases: original {original_cases}, restored {restored_cases}; audit rows restored {audit_rows}, "
            f"original {table_rows(original_db, 'audit_log')}; restored rows whose hash differs from the original's: {differing}")

        restored = drill.Server(bin, restored_dir, drill.free_port(), name="restored")
        servers.append(restored)
        restored.start()
        found = drill.check(restored.url, sample, before, retry_seconds=30)
        say(f"cases acknowledged before the backup, on the restored server: {found.summary()}")
        restored.stop()

        for name, folder in (("original", original_dir), ("restored", restored_dir)):
            verified, output = drill.audit_verify(bin, folder)
            say(f"audit verify ({name}): {output}")
            if not verified:
                problems.append(f"audit verify failed on the {name} folder")
        if found.lost:
            problems.append(f"{found.lost} cases acknowledged before the backup are missing from the restore")
        if differing:
            problems.append(f"{differing} restored audit rows differ from the original's")
        if not len(before) <= restored_cases <= original_cases:
            problems.append(f"the restored case count {restored_cases} is outside [{len(before)}, {original_cases}]")
        for problem in problems:
            say(f"FAILED: {problem}")
        drill.result(acknowledged_before_backup=len(before), present=found.present, lost=found.lost,
                     acknowledged_during_backup=during, restored_cases=restored_cases, original_cases=original_cases,
                     audit_rows=audit_rows, audit_rows_differing=differing, backup_s=round(backup_seconds, 1),
                     backup_bytes=os.path.getsize(backup), seconds=round(time.monotonic() - STARTED))
        return 1 if problems else 0
    except Exception as error:
        say(f"FAILED: {type(error).__name__}: {error}")
        for server in servers:
            say(f"server {server.name} log (last lines):\n{server.log_tail(20)}")
        raise
    finally:
        if load is not None:
            load.stopping.set()
        for server in servers:
            server.kill()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
