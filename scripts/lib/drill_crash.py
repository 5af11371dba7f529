"""drill-crash (issue 20): SIGKILL the server KILLS times under case load, restart it at once on the same SQLite
folder, and hold every acknowledgement to account: the case is there with the number the operator was shown, no
number was given twice, and the audit chain still verifies after the last stop."""
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time

import drill

KILLS = int(os.environ.get("KILLS", "50"))
CITIZENS = int(os.environ.get("CITIZENS", "3000"))
CLIENTS = int(os.environ.get("CLIENTS", "8"))
SEED = os.environ.get("SEED")
LOAD_BEFORE_KILL = (0.3, 2.5)  # seconds of load after the server answers, uniform


def say(text):
    print(text, flush=True)


def database_duplicates(data_dir):
    """Case numbers stored more than once, read from the SQLite file itself (after the server has stopped)."""
    with sqlite3.connect(os.path.join(data_dir, "jiujinban.sqlite")) as db:
        total = db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        repeated = db.execute("SELECT number, COUNT(*) FROM cases GROUP BY number HAVING COUNT(*) > 1").fetchall()
    return total, repeated


def main():
    started = time.monotonic()
    rng = random.Random(SEED)
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-crash-")
    data_dir = os.path.join(root, "data")
    server = None
    load = None
    problems = []
    try:
        sample = drill.prepare(bin, data_dir, citizens=CITIZENS, operators=8)
        server = drill.Server(bin, data_dir, drill.free_port(), name="crash")
        server.start()
        say(f"server {server.url} on {data_dir}; {CITIZENS} citizens, {CLIENTS} operators accepting cases; {KILLS} kills")
        load = drill.Load(server.url, sample, clients=CLIENTS).start()
        sessions = {}  # the check's signed-in operators, kept across restarts (sessions live in the database)
        handed = checked = present = 0
        lost_on_restart = []
        restarts = []
        for kill in range(1, KILLS + 1):
            # The load is paused while a check runs, so "seconds of load" is what the delay says.
            load.resume()
            delay = rng.uniform(*LOAD_BEFORE_KILL)
            time.sleep(delay)
            server.kill()
            restarts.append(server.start())
            load.pause()
            acks = load.acknowledged()
            found = drill.check(server.url, sample, acks[handed:], retry_seconds=120, sessions=sessions)
            handed = len(acks)
            checked += found.checked
            present += found.present
            lost_on_restart += found.lost_cases
            say(f"kill {kill:2}/{KILLS} after {delay:.2f} s of load, restarted in {restarts[-1]:.2f} s; "
                f"acknowledged since the last check: {found.summary()}")
        load.resume()
        time.sleep(1)  # the last restart carries some new load too
        result = load.stop()
        say(f"load: {result.summary()}")
        for status, body in result.samples:
            say(f"  a {status} answer: {body[:200]!r}")
        for what, status, body in result.other[:10]:
            say(f"  unexpected answer to {what}: {status} {body[:200]!r}")
        problems += [f"load client stopped: {error}" for error in result.errors]

        final = drill.check(server.url, sample, result.acknowledged, retry_seconds=120, sessions=sessions)
        say(f"final check of all acknowledgements: {final.summary()}")
        for case_id, number, seen in final.lost_cases[:20]:
            say(f"  LOST case {case_id}: acknowledged number {number}, the server shows {seen}")
        for number, ids in list(final.repeated.items())[:20]:
            say(f"  REPEATED number {number}: cases {', '.join(ids)}")
        server.stop()
        total, stored_twice = database_duplicates(data_dir)
        say(f"database: {total} cases stored, {len(stored_twice)} numbers stored twice")
        for number, count in stored_twice[:20]:
            say(f"  number {number} stored {count} times")
        verified, output = drill.audit_verify(bin, data_dir)
        say(f"audit verify: {output}")

        lost = final.lost
        repeated = max(final.repeated_numbers, len(stored_twice))
        if lost:
            problems.append(f"{lost} acknowledged cases lost or changed")
        if repeated:
            problems.append(f"{repeated} case numbers given twice")
        if not verified:
            problems.append("audit verify failed after the kills")
        if lost_on_restart and not lost:
            problems.append(f"{len(lost_on_restart)} cases missing right after a restart, present at the end")
        say(f"restart times: max {max(restarts):.2f} s, mean {sum(restarts) / len(restarts):.2f} s")
        for problem in problems:
            say(f"FAILED: {problem}")
        drill.result(kills=KILLS, acknowledged=len(result.acknowledged), present=final.present, lost=lost,
                     repeated=repeated, audit_verify="passed" if verified else "failed",
                     seconds=round(time.monotonic() - started))
        return 1 if problems else 0
    finally:
        if load is not None:
            load.stopping.set()
        if server is not None:
            server.kill()
            if os.environ.get("KEEP_DRILL_DIR"):
                say(f"kept {root} (server log: {server.log_path})")
        if not os.environ.get("KEEP_DRILL_DIR"):
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
