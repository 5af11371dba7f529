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
SEED = int(os.environ.get("SEED") or random.randrange(1 << 30))  # printed, so a run's kill times can be repeated
# Seconds of load after the server answers, uniform; KILL_AFTER="0.05,0.5" tries the moments right after start.
LOAD_BEFORE_KILL = tuple(float(x) for x in os.environ.get("KILL_AFTER", "0.3,2.5").split(","))


STARTED = time.monotonic()


def say(text):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


def notable(server, count=20):
    """The server log's last lines above info (the request lines would hide them), and its start markers."""
    lines = [line for line in server.log_tail(100_000).splitlines(keepends=True) if " info " not in line]
    return "".join(lines[-count:])


def last_line(output, passed):
    """The verdict of `audit verify` (its last line) when it passed; everything it said when it did not."""
    return output.splitlines()[-1] if passed and output else output


def stored_cases(data_dir):
    """From the SQLite file itself (after the server has stopped): every case's submission key, and the numbers
    stored more than once."""
    with sqlite3.connect(os.path.join(data_dir, "jiujinban.sqlite")) as db:
        keys = [row[0] for row in db.execute("SELECT submission_key FROM cases")]
        repeated = db.execute("SELECT number, COUNT(*) FROM cases GROUP BY number HAVING COUNT(*) > 1").fetchall()
    return keys, repeated


def main():
    if KILLS < 1:
        raise SystemExit("KILLS must be at least 1")
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
        say(f"server {server.url} on {data_dir}; {CITIZENS} citizens, {CLIENTS} operators accepting cases; "
            f"{KILLS} kills (SEED={SEED})")
        load = drill.Load(server.url, sample, clients=CLIENTS).start()
        if not load.wait_ready():
            raise RuntimeError(f"the operators could not start accepting cases: {load.result.errors}")
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
            if kill == KILLS:
                # The one place the restart waits: `audit verify` on the folder exactly as the kill left it, its
                # checkpoint up to a second behind the chain.
                killed_verified, killed_output = drill.audit_verify(bin, data_dir)
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
        if result.refused_5xx:
            # Nothing in this drill takes the database away: a 5xx after a restart is a defect (a case number
            # counter behind the stored cases, for one, would answer every acceptance with 500).
            problems.append(f"{result.refused_5xx} answers were 5xx: {result.refused_statuses}")

        final = drill.check(server.url, sample, result.acknowledged, retry_seconds=120, sessions=sessions)
        say(f"final check of all acknowledgements: {final.summary()}")
        for case_id, number, seen in final.lost_cases[:20]:
            say(f"  LOST case {case_id}: acknowledged number {number}, the server shows {seen}")
        for number, ids in list(final.repeated.items())[:20]:
            say(f"  REPEATED number {number}: cases {', '.join(ids)}")
        server.stop()
        keys, stored_twice = stored_cases(data_dir)
        # A case whose key was never acknowledged nor left in flight: a retried submission made a second case.
        unacknowledged = set(keys) - {ack.key for ack in result.acknowledged}
        unexplained = unacknowledged - set(result.abandoned)
        say(f"database: {len(keys)} cases stored ({len(unacknowledged)} never acknowledged: "
            f"{len(result.abandoned)} submissions were in flight when the load stopped), "
            f"{len(stored_twice)} numbers stored twice, {len(unexplained)} cases no acknowledgement accounts for")
        for number, count in stored_twice[:20]:
            say(f"  number {number} stored {count} times")
        say("audit verify right after the last SIGKILL (before its restart): "
            f"{last_line(killed_output, killed_verified)}")
        verified, output = drill.audit_verify(bin, data_dir)
        say(f"audit verify after the final stop: {last_line(output, verified)}")
        verified = verified and killed_verified

        lost = final.lost
        repeated = max(final.repeated_numbers, len(stored_twice))
        if lost:
            problems.append(f"{lost} acknowledged cases lost or changed")
        if repeated:
            problems.append(f"{repeated} case numbers given twice")
        if len(keys) != len(set(keys)) or unexplained:
            problems.append(f"{len(keys) - len(set(keys)) + len(unexplained)} cases made twice from one submission")
        if not verified:
            problems.append("audit verify failed after the kills")
        for case_id, number, seen in lost_on_restart[:20]:
            say(f"  missing right after a restart: case {case_id} (number {number}), the server showed {seen}")
        if lost_on_restart and not lost:
            problems.append(f"{len(lost_on_restart)} cases missing right after a restart, present at the end")
        say(f"restart times: max {max(restarts):.2f} s, mean {sum(restarts) / len(restarts):.2f} s")
        for problem in problems:
            say(f"FAILED: {problem}")
        if problems:
            say(f"server log (last warnings and errors):\n{notable(server)}")
        drill.result(kills=KILLS, acknowledged=len(result.acknowledged), present=final.present, lost=lost,
                     repeated=repeated, audit_verify="passed" if verified else "failed",
                     seconds=round(time.monotonic() - STARTED))
        return 1 if problems else 0
    except Exception as error:
        # The server not coming back after a kill is itself a finding: say so with its log.
        say(f"FAILED: {type(error).__name__}: {error}")
        if server is not None:
            say(f"server log (last warnings and errors):\n{notable(server)}")
        raise
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
