"""The drills' write load: operators at their counters accepting cases, each submission retried with its own key
across failures until acknowledged. Part of the drill library (drill.py)."""
import http.client
import threading
import time
import uuid
from dataclasses import dataclass, field

from drill_session import CASE_LOCATION, Refused, Session, read_sample


class Ack(tuple):
    """An acknowledged write: unpacks as (id, number); `.operator` is the index of the operator (in the sample)
    that made it, so a check can look with an account that sees the case. `number` is None when the case page
    could not be read after the acknowledgement (a loss)."""

    def __new__(cls, case_id, number, operator=None, key=None):
        ack = super().__new__(cls, (case_id, number))
        ack.operator, ack.key = operator, key
        return ack

    def __getnewargs__(self):
        return (self[0], self[1], self.operator, self.key)


@dataclass
class LoadResult:
    """What the load saw. `acknowledged`: Ack (id, number) per 303 to a case; `refused_5xx`: how many answers were
    5xx (each status in `status_counts`, `refused_statuses` for the 5xx ones; `samples` the first bodies, to show
    the page people saw); `connection_errors`: requests that got no answer at all."""
    acknowledged: list = field(default_factory=list)
    refused_5xx: int = 0
    connection_errors: int = 0
    status_counts: dict = field(default_factory=dict)
    samples: list = field(default_factory=list)  # (status, body) of the first few 5xx answers
    retried: int = 0  # submissions sent again with the same key after a failure
    other: list = field(default_factory=list)  # unexpected answers (4xx, …): (what, status, body excerpt)
    errors: list = field(default_factory=list)  # exceptions that ended a client thread
    abandoned: list = field(default_factory=list)  # submission keys sent, never acknowledged (stop, 4xx)

    @property
    def refused_statuses(self):
        return {status: count for status, count in self.status_counts.items() if status >= 500}

    def summary(self):
        return (f"acknowledged={len(self.acknowledged)} refused_5xx={self.refused_5xx} "
                f"connection_errors={self.connection_errors} retried={self.retried} "
                f"statuses={dict(sorted(self.status_counts.items()))}")


class Load:
    """`clients` operators at their counters, each accepting cases in a loop; see issue 20 for the contract."""

    RETRY_PAUSE = 0.2
    MAX_SAMPLES = 5

    # Items that still take the generic form: the load sends only 材料已核验 and a note. 28 and 32 were here until
    # issue 23 gave them forms of their own (and the load's submissions were refused); when these get theirs, pick
    # others, or fill their forms.
    def __init__(self, base_url, sample_path, clients=8, items=(20, 21, 24, 38), citizens_per_client=4):
        self.base_url, self.items, self.clients = base_url, tuple(items), clients
        sample = read_sample(sample_path)
        self.operators, self.citizens = sample["operators"], sample["citizens"]
        if len(self.operators) < clients:
            raise ValueError(f"the sample has {len(self.operators)} operators, {clients} needed: "
                             "generate-data --operators")
        if len(self.citizens) < clients * citizens_per_client:
            raise ValueError("the sample has too few citizens")
        self.citizens_per_client = citizens_per_client
        self.result = LoadResult()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.running = threading.Event()
        self.running.set()
        self.threads = []
        self.stopped_at = None
        self.ready = 0  # clients signed in with their citizens looked up
        self.ready_changed = threading.Condition(self.lock)

    # Counting, shared by the threads.
    def _count(self, status=None, body="", connection_error=False):
        with self.lock:
            if connection_error:
                self.result.connection_errors += 1
                return
            self.result.status_counts[status] = self.result.status_counts.get(status, 0) + 1
            if status >= 500:
                self.result.refused_5xx += 1
                if len(self.result.samples) < self.MAX_SAMPLES:
                    self.result.samples.append((status, body[:4000]))

    def acknowledged(self):
        """A snapshot of the acknowledgements so far (the load goes on)."""
        with self.lock:
            return list(self.result.acknowledged)

    def start(self):
        for index in range(self.clients):
            thread = threading.Thread(target=self._client, args=(index,), name=f"load-{index}", daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def wait_ready(self, timeout=120):
        """Waits until every client has signed in and looked up its citizens (so a drill's first blow lands on
        the acceptance loop); False on timeout or when a client gave up."""
        with self.ready_changed:
            return self.ready_changed.wait_for(lambda: self.ready + len(self.result.errors) >= self.clients, timeout) \
                and not self.result.errors

    def pause(self):
        self.running.clear()

    def resume(self):
        self.running.set()

    def stop(self, timeout=60):
        """Stops starting new submissions; a client with an acknowledgement in hand still reads its number (for up
        to 30 s). Returns a copy of the result: a client stuck in a request past `timeout` cannot change it."""
        self.stopped_at = time.monotonic()
        self.stopping.set()
        self.running.set()
        deadline = self.stopped_at + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self.lock:
            stuck = [thread.name for thread in self.threads if thread.is_alive()]
            if stuck:
                self.result.errors.append(f"still in a request after {timeout} s: {', '.join(stuck)}")
            return LoadResult(list(self.result.acknowledged), self.result.refused_5xx, self.result.connection_errors,
                              dict(self.result.status_counts), list(self.result.samples), self.result.retried,
                              list(self.result.other), list(self.result.errors), list(self.result.abandoned))

    def _pause(self):
        self.stopping.wait(self.RETRY_PAUSE)

    def _retrying(self, session, action, give_up):
        """Runs `action` until it returns, retrying after connection errors and 5xx (`Refused` with a 5xx status);
        None when `give_up()` says so first."""
        while not give_up():
            try:
                return action()
            except (OSError, http.client.HTTPException):
                self._count(connection_error=True)
            except Refused as refused:
                status = refused.args[1] if len(refused.args) > 1 else 0
                if not status or status < 500:
                    raise
                self._count(status, refused.args[2] if len(refused.args) > 2 else "")
            session.close()
            self._pause()
        return None

    def _client(self, index):
        try:
            session = Session(self.base_url, self.operators[index])
            start = index * (len(self.citizens) // self.clients)
            people = self.citizens[start:start + self.citizens_per_client]
            if self._retrying(session, session.sign_in, self.stopping.is_set) is None:
                return
            citizens = []
            for id_number in people:
                citizen = self._retrying(session, lambda: session.look_up(id_number), self.stopping.is_set)
                if citizen is None:
                    return
                citizens.append(citizen)
            with self.ready_changed:
                self.ready += 1
                self.ready_changed.notify_all()
            round = index
            while not self.stopping.is_set():
                self.running.wait()
                if self.stopping.is_set():
                    break
                self._submit(session, index, citizens[round % len(citizens)], self.items[round % len(self.items)])
                round += 1
        except Exception as error:  # a thread that stops for good is reported, not swallowed
            with self.ready_changed:
                self.result.errors.append(f"client {index}: {type(error).__name__}: {error}")
                self.ready_changed.notify_all()

    def _submit(self, session, index, citizen, item):
        """One acceptance: the same submission key until acknowledged (303 to the case) or the load stops. A key
        sent but never acknowledged goes to `abandoned`: the server may have made its case, unacknowledged."""
        key = str(uuid.uuid4())
        attempts = signed_in_again = 0
        try:
            while not self.stopping.is_set():
                if attempts:
                    with self.lock:
                        self.result.retried += 1
                attempts += 1
                form = {"_csrf": session.csrf, "citizen": citizen, "item": str(item), "submission": key,
                        "documents_checked": "yes", "note": "演练"}
                try:
                    status, headers, body = session.request("POST", "/cases", form)
                except (OSError, http.client.HTTPException):
                    self._count(connection_error=True)
                    self._pause()
                    continue
                self._count(status, body)
                location = headers.get("location", "")
                found = CASE_LOCATION.match(location)
                if status == 303 and found:
                    self._read_number(session, index, found.group(1), key)
                    key = None
                    return
                if status >= 500:
                    self._pause()
                    continue
                if status in (303, 401, 403) and not found and signed_in_again < 2:
                    # Signed out (a session lost across a restart would show here): note it, sign in again, retry
                    # the same key — the server answers it with the case it made, if it made one.
                    with self.lock:
                        self.result.other.append(("POST /cases", status, location or body[:300]))
                    signed_in_again += 1
                    if self._retrying(session, session.sign_in, self.stopping.is_set) is None:
                        return
                    continue
                with self.lock:
                    self.result.other.append(("POST /cases", status, body[:300]))
                self._pause()
                return
        finally:
            if key is not None and attempts:
                with self.lock:
                    self.result.abandoned.append(key)

    def _read_number(self, session, index, case_id, key):
        """After an acknowledgement: the case number from the case page. Goes on past `.stop()` for a while, since
        the acknowledgement is already given; a 404 or a page without number is recorded as (id, None)."""
        number = None
        while True:
            if self.stopping.is_set() and time.monotonic() - (self.stopped_at or 0) > 30:
                break
            try:
                status, number, body = session.case_number(case_id)
            except (OSError, http.client.HTTPException):
                self._count(connection_error=True)
                self._pause()
                continue
            self._count(status, body)
            if status >= 500:
                self._pause()
                continue
            if status != 200:
                with self.lock:
                    self.result.other.append((f"GET /cases/{case_id}", status, body[:300]))
            break
        with self.lock:
            self.result.acknowledged.append(Ack(case_id, number, index, key))
