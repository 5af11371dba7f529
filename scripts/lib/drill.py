"""Shared pieces of the failure drills (issue 20): the server as a process, operators accepting cases under load,
and the checks that count what an acknowledgement promised. Python 3 standard library only; threads for the load.

A drill runs the DEBUG build in development mode without key variables: the development card simulator signs
operators in, and the development keys live in `<data_dir>/development-keys.json` (copy it along with the data)."""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEY_VARIABLES = ("JIUJINBAN_DATA_KEY", "JIUJINBAN_INDEX_KEY", "JIUJINBAN_AUDIT_KEY", "JIUJINBAN_CARD_PUBLIC_KEY")
CASE_NUMBER = re.compile(r'<dt>办件编号</dt><dd class="code">([^<]+)</dd>')
CASE_LOCATION = re.compile(r"^/cases/([0-9A-Fa-f-]{36})$")


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
    sample = os.path.join(os.path.dirname(os.path.abspath(data_dir)), "sample.json")
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
                raise RuntimeError(f"server {self.name} did not answer /healthz within {timeout} s:\n{self.log_tail(30)}")
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


class Refused(Exception):
    """An answer that is neither success nor a retryable failure."""


class Session:
    """One signed-in operator over a kept-alive connection: cookie, CSRF token, and its citizens."""

    def __init__(self, base_url, person, timeout=30):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.person, self.timeout = person, timeout
        self.conn = None
        self.cookie = None
        self.csrf = None

    def request(self, method, path, form=None, cookie=None):
        """Returns (status, headers dict with lower-case names, body text); connection errors raise OSError or
        http.client.HTTPException, and the connection is opened anew next time."""
        headers = {}
        cookie = cookie if cookie is not None else self.cookie
        if cookie:
            headers["Cookie"] = cookie
        body = None
        if method != "GET":
            # As a browser on one of the site's pages: state-changing requests name the site (S09).
            headers["Origin"] = self.origin
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            found = {}
            for name, value in response.getheaders():
                name = name.lower()
                found[name] = found[name] + "\n" + value if name in found and name == "set-cookie" else value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, found, text
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def sign_in(self):
        """The card simulator's path: login page, the simulated card confirms the person, complete."""
        status, headers, page = self.request("GET", "/login", cookie="")
        browser = re.search(r"jjb_login=([^;]+)", headers.get("set-cookie", ""))
        ticket = re.search(r'name="ticket" value="([^"]+)"', page) or re.search(r"ticket=([A-Za-z0-9_\-]+)", page)
        if status >= 500:
            raise Refused(f"login page answered {status}", status, page)
        if not browser or not ticket:
            raise RuntimeError(f"login page ({status}) without ticket (is the server in development mode?)")
        ticket = ticket.group(1)
        status, _, _ = self.request("POST", "/dev/card-simulator", {"ticket": ticket, "person_id": self.person}, cookie="")
        if status != 200:
            raise Refused(f"card simulator answered {status}", status, "")
        status, headers, page = self.request("POST", "/login/complete", {"ticket": ticket},
                                             cookie="jjb_login=" + browser.group(1))
        session = re.search(r"jjb_session=([^;]+)", headers.get("set-cookie", ""))
        if status != 303 or not session:
            raise Refused(f"login/complete answered {status} without a session", status, page)
        self.cookie = "jjb_session=" + session.group(1)
        status, _, page = self.request("GET", "/citizens")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page)
        if status != 200 or not csrf:
            raise Refused(f"/citizens answered {status} without a CSRF token", status, page)
        self.csrf = csrf.group(1)
        return self

    def look_up(self, id_number):
        """`POST /citizens/lookup`: the citizen id from the person's page."""
        status, _, page = self.request("POST", "/citizens/lookup", {"_csrf": self.csrf, "id_number": id_number})
        citizen = re.search(r"/citizens/([0-9A-Fa-f-]{36})", page)
        if status != 200 or not citizen:
            raise Refused(f"lookup answered {status} without the person's page", status, page)
        return citizen.group(1)

    def case_number(self, case_id):
        """(status, number or None, body) of `GET /cases/<id>`."""
        status, _, page = self.request("GET", f"/cases/{case_id}")
        number = CASE_NUMBER.search(page) if status == 200 else None
        return status, (number.group(1) if number else None), page


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
    acknowledged: list = field(default_factory=list)
    refused_5xx: int = 0
    connection_errors: int = 0
    status_counts: dict = field(default_factory=dict)
    samples: list = field(default_factory=list)  # (status, body) of the first few 5xx answers
    retried: int = 0  # submissions sent again with the same key after a failure
    other: list = field(default_factory=list)  # unexpected answers (4xx, …): (what, status, body excerpt)
    errors: list = field(default_factory=list)  # exceptions that ended a client thread

    def summary(self):
        return (f"acknowledged={len(self.acknowledged)} refused_5xx={self.refused_5xx} "
                f"connection_errors={self.connection_errors} retried={self.retried} statuses={dict(sorted(self.status_counts.items()))}")


def read_sample(sample_path):
    with open(sample_path) as f:
        return json.load(f)


class Load:
    """`clients` operators at their counters, each accepting cases in a loop; see issue 20 for the contract."""

    RETRY_PAUSE = 0.2
    MAX_SAMPLES = 5

    def __init__(self, base_url, sample_path, clients=8, items=(21, 28, 32, 38), citizens_per_client=4):
        self.base_url, self.items, self.clients = base_url, tuple(items), clients
        sample = read_sample(sample_path)
        self.operators, self.citizens = sample["operators"], sample["citizens"]
        if len(self.operators) < clients:
            raise ValueError(f"the sample has {len(self.operators)} operators, {clients} needed: generate-data --operators")
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
                    self.result.samples.append((status, body))

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

    def pause(self):
        self.running.clear()

    def resume(self):
        self.running.set()

    def stop(self, timeout=60):
        """Stops starting new submissions; a client with an acknowledgement in hand still reads its number."""
        self.stopped_at = time.monotonic()
        self.stopping.set()
        self.running.set()
        for thread in self.threads:
            thread.join(timeout)
        return self.result

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
            round = index
            while not self.stopping.is_set():
                self.running.wait()
                if self.stopping.is_set():
                    break
                self._submit(session, index, citizens[round % len(citizens)], self.items[round % len(self.items)])
                round += 1
        except Exception as error:  # a thread that stops for good is reported, not swallowed
            with self.lock:
                self.result.errors.append(f"client {index}: {type(error).__name__}: {error}")

    def _submit(self, session, index, citizen, item):
        """One acceptance: the same submission key until acknowledged (303 to the case) or the load stops."""
        key = str(uuid.uuid4())
        attempts = 0
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
                return
            if status >= 500:
                self._pause()
                continue
            if status in (303, 401, 403) and not found:
                # Signed out (a session lost across a restart would show here): note it, sign in again, retry the
                # same key — the server answers it with the case it made, if it made one.
                with self.lock:
                    self.result.other.append(("POST /cases", status, location or body[:300]))
                if self._retrying(session, session.sign_in, self.stopping.is_set) is None:
                    return
                continue
            with self.lock:
                self.result.other.append(("POST /cases", status, body[:300]))
            self._pause()
            return

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


@dataclass
class CheckResult:
    checked: int = 0
    present: int = 0
    lost: int = 0
    repeated_numbers: int = 0
    lost_cases: list = field(default_factory=list)  # (id, acknowledged number, what the server showed)
    repeated: dict = field(default_factory=dict)  # number -> ids

    @property
    def ok(self):
        return self.lost == 0 and self.repeated_numbers == 0

    def summary(self):
        return f"checked={self.checked} present={self.present} lost={self.lost} repeated={self.repeated_numbers}"


def repeated_numbers(acknowledged):
    """Numbers given to more than one case among the acknowledgements: number -> sorted ids."""
    ids = {}
    for case_id, number, *_ in acknowledged:
        if number is not None:
            ids.setdefault(number, set()).add(case_id)
    return {number: sorted(found) for number, found in ids.items() if len(found) > 1}


def check(base_url, sample_path, acknowledged, retry_seconds=60):
    """Confirms each acknowledged (id, number): the case page, seen by the operator who made it (an operator sees
    only its service point's cases), shows that number. Acknowledgements without an operator index are looked up
    with each sample operator in turn. Connection errors and 5xx are retried for up to `retry_seconds`."""
    operators = read_sample(sample_path)["operators"]
    sessions = {}
    result = CheckResult()

    def session_of(index):
        if index not in sessions:
            session = Session(base_url, operators[index])
            _patient(session, session.sign_in, retry_seconds)
            sessions[index] = session
        return sessions[index]

    def shown(session, case_id):
        return _patient(session, lambda: _page_number(session, case_id), retry_seconds)

    for ack in acknowledged:
        case_id, number = ack[0], ack[1]
        result.checked += 1
        candidates = [ack.operator] if getattr(ack, "operator", None) is not None else range(len(operators))
        seen = None
        for index in candidates:
            status, found = shown(session_of(index), case_id)
            seen = (status, found)
            if status == 200:
                break
        if number is not None and seen == (200, number):
            result.present += 1
        else:
            result.lost += 1
            result.lost_cases.append((case_id, number, f"{seen[0]} {seen[1]}"))
    result.repeated = repeated_numbers(acknowledged)
    result.repeated_numbers = len(result.repeated)
    for session in sessions.values():
        session.close()
    return result


def _page_number(session, case_id):
    status, number, page = session.case_number(case_id)
    if status >= 500:
        raise Refused(f"GET /cases/{case_id} answered {status}", status, page)
    return status, number


def _patient(session, action, seconds):
    """`action()`, retried after connection errors and 5xx for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except (OSError, http.client.HTTPException, Refused) as error:
            if isinstance(error, Refused) and (len(error.args) < 2 or not error.args[1] or error.args[1] < 500):
                raise
            session.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


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
