"""Shows that the drill library's checks can fail: damages a drill's data folder the way a defect would (an
acknowledged case deleted, another's number changed, an audit row edited) and expects check() and audit_verify()
to report each. Run: python3 scripts/lib/drill_selftest.py (JJB_BIN overrides the debug binary); exits non-zero
when a check misses the damage."""
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid

import drill


def main():
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-selftest-")
    data_dir = os.path.join(root, "data")
    server = None
    failures = []
    try:
        sample = drill.prepare(bin, data_dir, citizens=200, operators=2)
        server = drill.Server(bin, data_dir, drill.free_port(), name="selftest")
        server.start()
        load = drill.Load(server.url, sample, clients=2, citizens_per_client=2).start()
        load.wait_ready()
        time.sleep(1.5)
        acks = load.stop().acknowledged
        intact = drill.check(server.url, sample, acks)
        print(f"intact: {intact.summary()}")
        if len(acks) < 3 or not intact.ok or intact.present != len(acks):
            failures.append("the undamaged folder did not check clean")
        server.stop()

        first, second = (str(uuid.UUID(ack[0])).upper() for ack in acks[:2])  # as Fluent stores them in SQLite
        with sqlite3.connect(os.path.join(data_dir, "jiujinban.sqlite")) as db:
            db.execute("DELETE FROM case_steps WHERE case_id = ?", (first,))
            if db.execute("DELETE FROM cases WHERE id = ?", (first,)).rowcount != 1:
                failures.append("the damage did not take: no case deleted")
            db.execute("UPDATE cases SET number = substr(number, 1, length(number) - 5) || '99999' WHERE id = ?",
                       (second,))
            db.execute("UPDATE audit_log SET detail = detail || '!' WHERE seq = (SELECT MAX(seq) - 3 FROM audit_log)")
        server.start()
        damaged = drill.check(server.url, sample, acks)
        print(f"damaged: {damaged.summary()} {damaged.lost_cases}")
        if damaged.lost != 2 or damaged.present != len(acks) - 2:
            failures.append("check() missed the deleted or renumbered case")
        twice = drill.check(server.url, sample, acks[2:3] + [drill.Ack(acks[3][0], acks[2][1], acks[3].operator)])
        print(f"one number twice: {twice.summary()}")
        if twice.repeated_numbers != 1:
            failures.append("check() missed a number acknowledged twice")
        server.stop()
        verified, output = drill.audit_verify(bin, data_dir)
        print(f"audit verify on the edited chain: {output}")
        if verified:
            failures.append("audit_verify() passed an edited audit row")
    finally:
        if server is not None:
            server.kill()
        shutil.rmtree(root, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    drill.result(selftest="passed" if not failures else "failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
