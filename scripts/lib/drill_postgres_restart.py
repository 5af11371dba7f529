"""drill-postgres-restart (issue 20): PostgreSQL restarts under case load while the one server process keeps running.
While the database is away the server must answer 503 with the Chinese page (never 500), and take up the load again
by itself once it is back; every acknowledged case must be there with its number, none given twice, and the audit
chain must verify."""
import http.client
import os
import re
import sys
import tempfile
import time

import drill
from drill_pg import Postgres, clean_up

CITIZENS = int(os.environ.get("CITIZENS", "2000"))
CLIENTS = int(os.environ.get("CLIENTS", "6"))
LOAD_BETWEEN = float(os.environ.get("LOAD_BETWEEN", "4"))  # seconds of load before and after each restart
# Each step: (what, the PostgreSQL action). The held stop keeps the database away long enough to be seen for sure.
STEP_NAMES = {"fast": "restart -m fast", "immediate": "restart -m immediate", "held": "stop -m fast, 3 s away, start"}
STEPS = [(STEP_NAMES[mode], mode) for mode in os.environ.get("STEPS", "fast,immediate,fast,held").split(",")]
OUTAGE_TEXT = "数据库暂时不可用"
# A page the prober waits longer than this for is a stall: the server must answer 503 at once while the database is
# away, not hold the request until the request deadline answers for it.
SLOW_SECONDS = float(os.environ.get("SLOW_SECONDS", "8"))
NOTICE = re.compile(r'<div class="notice notice-error"><p>([^<]*)</p>')


def say(text):
    print(text, flush=True)


CONNECTION_ERRORS = []  # (monotonic time, method, path, error) of every request that got no answer


def _recording(request):
    """Wraps `drill.Session.request` so a connection error is kept with what was asked and when, for the report."""
    def wrapped(self, method, path, *args, **kwargs):
        try:
            return request(self, method, path, *args, **kwargs)
        except (OSError, http.client.HTTPException) as error:
            CONNECTION_ERRORS.append((time.monotonic(), method, path, repr(error)))
            raise
    return wrapped


drill.Session.request = _recording(drill.Session.request)


class Prober(drill.PageReader):
    """A signed-in operator reloading the case list and /healthz every 50 ms: what the server answers, and when."""

    PATHS = ["/cases", "/healthz"]

    def __init__(self, base_url, person):
        super().__init__(base_url, person, "prober")
        self.slowest = []  # (seconds, path, status, monotonic time sent) of every answer slower than SLOW_SECONDS

    def keep(self, sent, path, status, headers, body, took):
        """(monotonic time sent, path, status or "conn", outage page?, Retry-After?)"""
        if status != "conn" and took > SLOW_SECONDS:
            self.slowest.append((took, path, status, sent))
        outage = OUTAGE_TEXT in body or (path == "/healthz" and '"unavailable"' in body)
        return (sent, path, status, outage, "retry-after" in headers)

    def first_ok_after(self, moment):
        return next((sent for sent, path, status, *_ in self.answers if sent >= moment and status == 200), None)


def main():
    started = time.monotonic()
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-pgrestart-")
    data_dir = os.path.join(root, "data")
    postgres = server = load = prober = None
    problems = []
    try:
        postgres = Postgres().init().start()
        env = {"DATABASE_URL": postgres.url, **({"LOG_LEVEL": os.environ["LOG_LEVEL"]} if "LOG_LEVEL" in os.environ else {})}
        sample = drill.prepare(bin, data_dir, citizens=CITIZENS, operators=max(8, CLIENTS + 1), env=env)
        server = drill.Server(bin, data_dir, drill.free_port(), env=env, name="pgrestart")
        server.start()
        pid = server.process.pid
        say(f"PostgreSQL on port {postgres.port}; server {server.url} (pid {pid}); {CITIZENS} citizens, "
            f"{CLIENTS} operators accepting cases")
        load = drill.Load(server.url, sample, clients=CLIENTS).start()
        prober = Prober(server.url, drill.read_sample(sample)["operators"][CLIENTS]).start()
        time.sleep(LOAD_BETWEEN)
        outages = []  # (what, went away, back)
        for what, mode in STEPS:
            before = len(load.acknowledged())
            away = time.monotonic()
            if mode == "held":
                postgres.stop("fast")
                time.sleep(3)
                postgres.start()
            else:
                postgres.restart(mode)
            back = time.monotonic()
            outages.append((what, away, back))
            time.sleep(LOAD_BETWEEN)
            if not server.running or server.process.pid != pid:
                problems.append(f"the server process ended during '{what}'")
                break
            recovered = prober.first_ok_after(back)
            after = len(load.acknowledged())
            say(f"{what}: PostgreSQL away for {back - away:.2f} s; server answered 200 again "
                + (f"{recovered - back:.2f} s after PostgreSQL was back" if recovered else "NEVER")
                + f"; {after - before} cases acknowledged meanwhile")
            if recovered is None:
                problems.append(f"the server did not serve again after '{what}'")
            if after == before:
                problems.append(f"no case acknowledged after '{what}': the load did not continue")
        result = load.stop()
        prober.stop()
        say(f"load: {result.summary()}")
        problems += [f"load client stopped: {error}" for error in result.errors]
        for what, status, body in result.other[:10]:
            say(f"  unexpected answer to {what}: {status} {body[:200]!r}")
        if result.other:
            problems.append(f"{len(result.other)} unexpected answers (4xx, a lost sign-in) in the load")

        # The server's answers: the load's and the prober's together.
        statuses = dict(result.status_counts)
        in_outage = 0
        for sent, path, status, outage, retry_after in prober.answers:
            if status == "conn":
                continue
            statuses[status] = statuses.get(status, 0) + 1
            if any(away - 0.5 <= sent <= back + 5 for _, away, back in outages):
                in_outage += 1
        answered_503 = statuses.get(503, 0)
        answered_500 = statuses.get(500, 0)
        other_5xx = sum(count for status, count in statuses.items() if status >= 500 and status not in (500, 503))
        pages_503 = [(s, o, r) for _, _, s, o, r in prober.answers if s == 503]
        without_text = sum(1 for _, outage, _ in pages_503 if not outage)
        without_text += sum(1 for status, body in result.samples if status == 503 and OUTAGE_TEXT not in body)
        without_retry = sum(1 for _, _, retry in pages_503 if not retry)
        prober_conn = sum(1 for answer in prober.answers if answer[2] == "conn")
        for status, body in result.samples[:2]:
            shown = NOTICE.search(body)
            say(f"  a {status} answer to POST /cases shows: {shown.group(1) if shown else body[:200]!r}")
        say(f"prober: {len(prober.answers)} requests, {in_outage} near an outage, {len(pages_503)} answered 503, "
            f"{without_retry} of them without Retry-After, {prober_conn} connection errors")
        for took, path, status, sent in prober.slowest[:5]:
            near = [what for what, away, back in outages if away - 1 <= sent <= back + 5]
            say(f"  slow answer: GET {path} took {took:.1f} s ({status})" + (f" (during '{near[0]}')" if near else ""))
        # What the server said about statements and requests it could not answer in time: the causes of a stall.
        with open(server.log_path, errors="replace") as log:
            marks = {"request unanswered": 0, "got no answer after its connection closed": 0,
                     "Connection request timed out": 0}
            for line in log:
                for mark in marks:
                    marks[mark] += mark in line
        say("server log: " + ", ".join(f"{count} × '{mark}'" for mark, count in marks.items()))
        if marks["request unanswered"]:
            # The request deadline answered for work that hung: a statement PostgresNIO dropped, not a slow page.
            problems.append(f"{marks['request unanswered']} requests were answered by the request deadline: they hung")
        if prober.slowest:
            problems.append(f"{len(prober.slowest)} prober requests took over {SLOW_SECONDS:g} s: the server stalled")
        if answered_500 or other_5xx:
            problems.append(f"{answered_500} answers 500 and {other_5xx} other 5xx besides 503")
        if answered_503 == 0:
            problems.append("no 503 seen: the outage was not observed, the drill proved nothing")
        if without_text:
            problems.append(f"{without_text} answers 503 without the Chinese page")
        if without_retry:
            problems.append(f"{without_retry} answers 503 without Retry-After")
        for moment, method, path, error in CONNECTION_ERRORS[:5]:
            near = [what for what, away, back in outages if away - 1 <= moment <= back + 5]
            say(f"  no answer to {method} {path}: {error}" + (f" (during '{near[0]}')" if near else ""))
        unanswered = result.connection_errors + prober_conn
        if unanswered:
            # The server process lives throughout, so a connection error is a request it never answered (the
            # client gives up after 30 s): a hang, which holds a pooled connection that is never given back.
            problems.append(f"{unanswered} requests got no answer: the server must answer every request")

        final = drill.check(server.url, sample, result.acknowledged, retry_seconds=60)
        say(f"check of all acknowledgements: {final.summary()}")
        for case_id, number, seen in final.lost_cases[:20]:
            say(f"  LOST case {case_id}: acknowledged number {number}, the server shows {seen}")
        for number, ids in list(final.repeated.items())[:20]:
            say(f"  REPEATED number {number}: cases {', '.join(ids)}")
        stored_twice = postgres.query("SELECT number, COUNT(*) FROM cases GROUP BY number HAVING COUNT(*) > 1")
        total = postgres.query("SELECT COUNT(*) FROM cases")[0][0]
        say(f"database: {total} cases stored, {len(stored_twice)} numbers stored twice")
        if not server.running or server.process.pid != pid:
            problems.append("the server process did not survive the drill")
        server.stop()
        verified, output = drill.audit_verify(bin, data_dir, env)
        say(f"audit verify: {output}")

        repeated = max(final.repeated_numbers, len(stored_twice))
        if final.lost:
            problems.append(f"{final.lost} acknowledged cases lost or changed")
        if repeated:
            problems.append(f"{repeated} case numbers given twice")
        if not verified:
            problems.append("audit verify failed")
        if not result.acknowledged:
            problems.append("nothing was acknowledged")
        for problem in problems:
            say(f"FAILED: {problem}")
        if answered_500 or other_5xx:
            # What the server logged for each 500, so the next unclassified error is named.
            with open(server.log_path, errors="replace") as log:
                for line in [line for line in log if "request failed" in line][:10]:
                    say(f"  server: {line.strip()[:600]}")
        drill.result(restarts=len(outages), acknowledged=len(result.acknowledged), present=final.present,
                     lost=final.lost, repeated=repeated, answered_503=answered_503, answered_500=answered_500,
                     other_5xx=other_5xx, unanswered=unanswered,
                     server_restarts=0 if server.process.pid == pid else 1,
                     audit_verify="passed" if verified else "failed", seconds=round(time.monotonic() - started))
        return 1 if problems else 0
    finally:
        for part in (load, prober):
            if part is not None:
                part.stopping.set()
        if server is not None:
            server.kill()
        clean_up(root, postgres, say)


if __name__ == "__main__":
    sys.exit(main())
