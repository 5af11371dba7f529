"""drill-disk-full (issue 20): the data folder's filesystem fills up under case load.

The SQLite data folder is a small tmpfs mounted for the drill. After the load has stored some cases, a filler file
takes all but a little of the free space, so the database runs out of room by itself a few writes later. While it
is full: every acceptance must be refused with the Chinese 507 page (a 500 is a failure), a case page must still
answer 200, and the server must log the full disk once, not once per request. Then the filler is deleted and writes
must succeed again with the same server process. After the server stops: every acknowledged case is there with its
number and made once, no case lacks its acceptance step or audit row (read with sqlite3), and `audit verify` passes.

Mounting needs root. Without it the drill re-runs itself in a user and mount namespace of its own (`unshare -rm`),
where it may mount; if that is not allowed either it fails with the reason: a drill on a filesystem it cannot fill
would prove nothing."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import drill

CITIZENS = int(os.environ.get("CITIZENS", "3000"))
CLIENTS = int(os.environ.get("CLIENTS", "8"))
ROOM_KB = int(os.environ.get("ROOM_KB", "256"))  # left free by the filler: the last few writes that still fit
FULL_SECONDS = float(os.environ.get("FULL_SECONDS", "8"))  # how long the disk stays full once writes fail
IN_NAMESPACE = "JJB_DRILL_IN_NAMESPACE"
FULL_PAGE = "存储空间已满，本次办理未保存，请立即联系系统管理员"
WRITER_ALARM = "存储空间已满：数据库写入失败"


def say(text):
    print(text, flush=True)


def mount_tmpfs(path, megabytes):
    """Mounts a tmpfs of `megabytes` on `path`; False (and why) when this process may not mount."""
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0700", "tmpfs", path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode == 0, done.stdout.strip()


def rerun_in_namespace(reason):
    """Not allowed to mount here: the same drill again in a user and mount namespace, or a clear failure."""
    if os.environ.get(IN_NAMESPACE) or not shutil.which("unshare"):
        say(f"drill-disk-full: FAILED: cannot mount a tmpfs for the data folder ({reason}); run it as root, or where "
            "unprivileged user namespaces are allowed (unshare -rm). No fallback: an unfillable disk proves nothing.")
        sys.exit(2)
    say(f"mount not permitted ({reason}); running the drill again inside `unshare -rm` (a mount namespace of its own)")
    env = dict(os.environ, **{IN_NAMESPACE: "1"})
    os.execvpe("unshare", ["unshare", "-rm", sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)


def free_bytes(path):
    stat = os.statvfs(path)
    return stat.f_bavail * stat.f_frsize


def fill(path, leave):
    """A filler file taking all free space but `leave` bytes (none left when `leave` is 0)."""
    size = max(0, free_bytes(os.path.dirname(path)) - leave)
    with open(path, "ab", buffering=0) as filler:  # unbuffered: no flush at close to fail after the fact
        if size:
            try:
                os.posix_fallocate(filler.fileno(), filler.tell(), size)
            except OSError:
                pass  # what fitted stays allocated
        if leave == 0:
            # Whatever fallocate's rounding left: written until the filesystem refuses.
            try:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
            except OSError:
                pass


def counts(load):
    with load.lock:
        return dict(load.result.status_counts), len(load.result.acknowledged)


def wait_for(predicate, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def database_state(data_dir, acknowledged):
    """Read from the SQLite file after the server stopped: cases, cases lacking their acceptance step or audit row,
    acknowledged keys that made no case or more than one, numbers given twice."""
    with sqlite3.connect(os.path.join(data_dir, "jiujinban.sqlite")) as db:
        total = db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        half = db.execute("""
            SELECT COUNT(*) FROM cases c
            WHERE NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.action = 'accept')
               OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'case.accept' AND a.object_id = c.number)
            """).fetchone()[0]
        numbers_twice = db.execute("SELECT COUNT(*) FROM (SELECT number FROM cases GROUP BY number HAVING COUNT(*) > 1)").fetchone()[0]
        made = [db.execute("SELECT COUNT(*) FROM cases WHERE submission_key = ?", (ack.key,)).fetchone()[0]
                for ack in acknowledged]
    return total, half, numbers_twice, sum(1 for n in made if n != 1)


def main():
    started = time.monotonic()
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-disk-full-")
    data_dir = os.path.join(root, "data")
    os.makedirs(data_dir)
    mounted = False
    server = load = None
    problems = []
    try:
        ok, reason = mount_tmpfs(data_dir, 1)  # allowed to mount here at all? (before minutes of generate-data)
        if not ok:
            shutil.rmtree(root, ignore_errors=True)
            rerun_in_namespace(reason)
        subprocess.run(["umount", data_dir], check=True)
        # Generated on the ordinary disk first, to size the tmpfs: the data plus a few megabytes of room.
        seed_dir = os.path.join(root, "seed")
        sample = drill.prepare(bin, seed_dir, citizens=CITIZENS, operators=CLIENTS)
        used = sum(os.path.getsize(os.path.join(seed_dir, name)) for name in os.listdir(seed_dir)
                   if os.path.isfile(os.path.join(seed_dir, name)))
        megabytes = used // (1 << 20) + 16
        ok, reason = mount_tmpfs(data_dir, megabytes)
        if not ok:
            raise RuntimeError(f"cannot mount the tmpfs: {reason}")
        mounted = True
        for name in os.listdir(seed_dir):  # the database (checkpointed by the command's end), keys, anchor
            source = os.path.join(seed_dir, name)
            (shutil.copytree if os.path.isdir(source) else shutil.copy2)(source, os.path.join(data_dir, name))
        shutil.rmtree(seed_dir)
        say(f"data folder: tmpfs of {megabytes} MB on {data_dir}, {used // 1024} kB of data from generate-data "
            f"({CITIZENS} citizens)")

        server = drill.Server(bin, data_dir, drill.free_port(), name="disk-full")
        server.start()
        load = drill.Load(server.url, sample, clients=CLIENTS).start()
        if not wait_for(lambda: counts(load)[1] >= 20, 120):
            raise RuntimeError(f"the load stored no 20 cases within 120 s: {load.result.summary()}")
        # A case page to read while full, seen by the operator who made it (an operator sees its own point's cases).
        mine = lambda: [ack for ack in load.acknowledged() if ack.operator == 0 and ack[1]]
        if not wait_for(lambda: mine(), 60):
            raise RuntimeError("operator 0 stored no case within 60 s")
        readable = mine()[0]
        reader = drill.Session(server.url, drill.read_sample(sample)["operators"][0]).sign_in()

        filler = os.path.join(data_dir, "filler")
        fill(filler, ROOM_KB * 1024)
        filled_at = time.monotonic()
        before, acks_before = counts(load)
        say(f"filled: {free_bytes(data_dir) // 1024} kB left after {acks_before} acknowledged cases")
        refusals = lambda answers: sum(n for status, n in answers.items() if status >= 500)
        if not wait_for(lambda: refusals(counts(load)[0]) > refusals(before), 30):
            fill(filler, 0)  # the little room outlasted 30 s of load: none left at all now
            if not wait_for(lambda: refusals(counts(load)[0]) > refusals(before), 30):
                raise RuntimeError(f"no write was refused within 60 s of filling the disk: {load.result.summary()}")
        full_at = time.monotonic()
        say(f"writes refused {full_at - filled_at:.1f} s after filling; {counts(load)[1] - acks_before} cases still fitted")

        # Full: the load keeps trying (the same submission key, as a counter would); pages are read meanwhile.
        at_full, acks_at_full = counts(load)
        reads = reads_ok = 0
        while time.monotonic() - full_at < FULL_SECONDS:
            for path in (f"/cases/{readable[0]}", "/cases"):
                reads += 1
                status, _, page = reader.request("GET", path)
                reads_ok += status == 200 and (path == "/cases" or readable[1] in page)
            time.sleep(0.25)
        while_full, acks_while_full = counts(load)
        answers = {status: n - at_full.get(status, 0) for status, n in while_full.items() if n > at_full.get(status, 0)}
        say(f"while full ({FULL_SECONDS:.0f} s): answers {dict(sorted(answers.items()))}, "
            f"{acks_while_full - acks_at_full} acknowledged, reads {reads_ok}/{reads} answered 200")
        sample_507 = next((body for status, body in load.result.samples if status == 507), "")
        shown = re.search(r'class="notice notice-error"><p>([^<]*)</p>', sample_507)
        say(f"the 507 page says: {shown.group(1) if shown else '(no message found)'}")

        # Space returns: the same process must store writes again.
        os.remove(filler)
        freed_at = time.monotonic()
        if not wait_for(lambda: counts(load)[1] > acks_while_full + 5, 60):
            problems.append(f"writes did not resume within 60 s of freeing space: {load.result.summary()}")
        recovered = time.monotonic() - freed_at
        say(f"space freed: writes stored again after {recovered:.1f} s, same server process (pid {server.process.pid})")
        time.sleep(7)  # past the server's settling time, so its log says space is back
        result = load.stop()
        reader.close()
        say("load: " + result.summary())
        checked = drill.check(server.url, sample, result.acknowledged)
        say("check: " + checked.summary())
        with open(server.log_path, errors="replace") as log:
            logged = [line.strip() for line in log if "存储空间" in line or "审计锚点" in line]
        alarms = sum(WRITER_ALARM in line for line in logged)
        anchor_alarms = sum("无法更新审计锚点" in line or "audit checkpoint failed" in line for line in logged)
        for line in logged:
            say("server log: " + line[:260])
        server.stop()
        total, half, numbers_twice, not_once = database_state(data_dir, result.acknowledged)
        say(f"database: {total} cases, {half} without acceptance step or audit row, {numbers_twice} numbers twice, "
            f"{not_once} acknowledged forms not stored exactly once")
        verified, output = drill.audit_verify(bin, data_dir)
        say("audit verify: " + output.splitlines()[-1] if output else "audit verify: (no output)")

        refused_507 = answers.get(507, 0)
        refused_500 = result.status_counts.get(500, 0)
        other_5xx = sum(n for status, n in result.status_counts.items() if status >= 500 and status not in (500, 507))
        if refused_507 == 0:
            problems.append("no write was answered 507 while the disk was full")
        if FULL_PAGE not in sample_507:
            problems.append("the 507 answer does not carry the Chinese page: " + sample_507[:300])
        if refused_500:
            problems.append(f"{refused_500} answers were 500")
        if other_5xx:
            problems.append(f"{other_5xx} answers were another 5xx: {result.status_counts}")
        if reads_ok != reads:
            problems.append(f"only {reads_ok} of {reads} reads answered 200 while full")
        if alarms != 1:
            problems.append(f"the server logged the full disk {alarms} times (once per episode expected)")
        if anchor_alarms > 1:
            problems.append(f"the audit anchor's failure was logged {anchor_alarms} times (once per episode expected)")
        if not any("存储空间已恢复" in line for line in logged):
            problems.append("the server did not log that space is back")
        if result.errors:
            problems.append(f"load threads failed: {result.errors[:3]}")
        if checked.lost or checked.repeated_numbers or numbers_twice or not_once:
            problems.append(f"lost={checked.lost} repeated={checked.repeated_numbers} numbers_twice={numbers_twice} "
                            f"not_once={not_once}: {checked.lost_cases[:3]}")
        if half:
            problems.append(f"{half} cases half-written")
        if not verified:
            problems.append("audit verify failed:\n" + output)
        for problem in problems:
            say("drill-disk-full: FAILED: " + problem)
        drill.result(acknowledged=len(result.acknowledged), refused_507=refused_507, refused_500=refused_500,
                     stored_while_full=acks_while_full - acks_at_full, reads_ok=reads_ok, reads=reads, alarms=alarms,
                     anchor_alarms=anchor_alarms,
                     recovered_seconds=f"{recovered:.1f}", present=checked.present, lost=checked.lost,
                     repeated=checked.repeated_numbers, half_written=half,
                     audit_verify="passed" if verified else "failed", seconds=int(time.monotonic() - started))
        return 1 if problems else 0
    except Exception as error:
        say(f"drill-disk-full: FAILED: {type(error).__name__}: {error}")
        if server:
            say("--- server log (last 30 lines)\n" + server.log_tail(30))
        return 1
    finally:
        if load:
            load.stop(timeout=5)
        if server:
            server.kill()
        if mounted:
            subprocess.run(["umount", "-l", data_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
