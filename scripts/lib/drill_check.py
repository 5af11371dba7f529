"""The drills' check: every acknowledged (id, number) still shows that number, and no number was given twice. Part of
the drill library (drill.py)."""
import concurrent.futures
import http.client
import time
from dataclasses import dataclass, field

from drill_session import Refused, Session, read_sample


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


def check(base_url, sample_path, acknowledged, retry_seconds=60, sessions=None):
    """Confirms each acknowledged (id, number): the case page, seen by the operator who made it (an operator sees
    only its service point's cases), shows that number. Acknowledgements without an operator index are looked up
    with each sample operator in turn. One thread per operator; connection errors and 5xx are retried for up to
    `retry_seconds`. `sessions` (a dict) keeps the signed-in operators for the next call."""
    operators = read_sample(sample_path)["operators"]
    keep = sessions is not None
    sessions = sessions if keep else {}
    groups = {}
    for ack in acknowledged:
        groups.setdefault(getattr(ack, "operator", None), []).append(ack)

    def session_of(key, index):
        # Each worker has its own keys: a connection is never shared between threads.
        if key not in sessions:
            session = Session(base_url, operators[index])
            _patient(session, session.sign_in, retry_seconds)
            sessions[key] = session
        return sessions[key]

    def worker(operator, acks):
        found = CheckResult()
        for ack in acks:
            case_id, number = ack[0], ack[1]
            found.checked += 1
            candidates = [operator] if operator is not None else range(len(operators))
            seen = None
            for index in candidates:
                session = session_of(index if operator is not None else ("any", index), index)
                seen = _patient(session, lambda: _page_number(session, case_id), retry_seconds)
                if seen[0] == 200:
                    break
            if number is not None and seen == (200, number):
                found.present += 1
            else:
                found.lost += 1
                found.lost_cases.append((case_id, number, f"{seen[0]} {seen[1]}"))
        return found

    result = CheckResult()
    if groups:
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(groups)) as pool:
            for found in pool.map(lambda item: worker(*item), groups.items()):
                result.checked += found.checked
                result.present += found.present
                result.lost += found.lost
                result.lost_cases += found.lost_cases
    result.repeated = repeated_numbers(acknowledged)
    result.repeated_numbers = len(result.repeated)
    if not keep:
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
