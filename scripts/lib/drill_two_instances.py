"""drill-two-instances (issue 20): one PostgreSQL, two server instances (a and b, each with its own data folder for
its audit anchor) behind nginx, round robin. Operators accept cases and others read pages, all through nginx; in the
middle instance a is SIGKILLed. The same signed-in users carry on through b without signing in again; every
acknowledged case is there with its number, none given twice, and the audit chain verifies against both instances'
checkpoints."""
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import time

import drill
from drill_pg import Postgres, clean_up

CITIZENS = int(os.environ.get("CITIZENS", "2000"))
CLIENTS = int(os.environ.get("CLIENTS", "6"))
READERS = int(os.environ.get("READERS", "3"))
BEFORE_KILL = float(os.environ.get("BEFORE_KILL", "6"))
AFTER_KILL = float(os.environ.get("AFTER_KILL", "8"))

NGINX_CONF = """{user}worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log notice;
events {{ worker_connections 1024; }}
http {{
    log_format drill '$msec $status $upstream_addr $request_method $uri';
    access_log {root}/nginx-access.log drill;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream jiujinban {{
        server 127.0.0.1:{port_a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{port_b} max_fails=1 fail_timeout=30s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://jiujinban;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The server checks a POST's Origin against the Host it was sent to (SessionMiddleware): pass it on.
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # A refused connection (a dead instance) goes to the other one; a POST already sent is not repeated.
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def say(text):
    print(text, flush=True)


class Nginx:
    def __init__(self, root, port, port_a, port_b):
        self.root, self.port = root, port
        self.url = f"http://127.0.0.1:{port}"
        self.conf = os.path.join(root, "nginx.conf")
        user = "user root;\n" if os.geteuid() == 0 else ""
        with open(self.conf, "w") as f:
            f.write(NGINX_CONF.format(user=user, root=root, port=port, port_a=port_a, port_b=port_b))
        self.process = None

    def start(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(nginx):
            raise RuntimeError("nginx is not installed: apt-get install nginx")
        log = open(os.path.join(self.root, "nginx-stderr.log"), "w")
        self.process = subprocess.Popen([nginx, "-c", self.conf, "-p", self.root], stdout=log, stderr=log,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {open(os.path.join(self.root, 'nginx-stderr.log')).read()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("nginx did not answer")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def served(self, upstream_port, since=0.0, until=float("inf")):
        """Requests nginx passed to the instance on `upstream_port` between two wall-clock times."""
        count = 0
        with open(os.path.join(self.root, "nginx-access.log")) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and since <= float(parts[0]) < until and parts[2].endswith(f":{upstream_port}"):
                    count += 1
        return count


class Reader(drill.PageReader):
    """A signed-in user reading pages in a loop (the case list, the citizens page, the home page); never signs in
    again, so an answer that asks for a sign-in counts against the drill."""

    PATHS = ["/cases", "/citizens", "/"]

    def keep(self, sent, path, status, headers, body, took):
        return (sent, path, status, headers.get("location", ""))


def needs_sign_in(status, location):
    return status == 401 or (status in (302, 303) and "/login" in location)


def audit_verify(bin, data_dir, env, anchor):
    """`audit verify` on one instance's data folder, with the other instance's checkpoint file as `--anchor`."""
    done = subprocess.run([bin, "audit", "verify", "--anchor", anchor], env=drill.server_env(data_dir, env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode == 0, done.stdout.strip()


def main():
    started = time.monotonic()
    bin = drill.debug_binary()
    root = tempfile.mkdtemp(prefix="jjb-drill-two-")
    data_a, data_b = os.path.join(root, "data-a"), os.path.join(root, "data-b")
    postgres = nginx = load = None
    servers, readers, problems = [], [], []
    try:
        postgres = Postgres().init().start()
        env = {"DATABASE_URL": postgres.url}
        sample = drill.prepare(bin, data_a, citizens=CITIZENS, operators=CLIENTS + READERS, env=env)
        # One set of keys for both (development mode keeps them in the data folder): the data is encrypted with them.
        os.makedirs(data_b, exist_ok=True)
        shutil.copy(os.path.join(data_a, "development-keys.json"), data_b)
        a = drill.Server(bin, data_a, drill.free_port(), env={**env, "JIUJINBAN_INSTANCE": "a"}, name="a")
        b = drill.Server(bin, data_b, drill.free_port(), env={**env, "JIUJINBAN_INSTANCE": "b"}, name="b")
        servers = [a, b]
        a.start()
        b.start()
        nginx = Nginx(root, drill.free_port(), a.port, b.port).start()
        say(f"PostgreSQL on port {postgres.port}; instances a {a.url} and b {b.url}; nginx {nginx.url}; "
            f"{CLIENTS} operators accepting cases, {READERS} users reading pages")
        operators = drill.read_sample(sample)["operators"]
        load = drill.Load(nginx.url, sample, clients=CLIENTS).start()
        readers = [Reader(nginx.url, operators[CLIENTS + i], f"reader-{i}").start() for i in range(READERS)]
        time.sleep(BEFORE_KILL)
        acks_before = len(load.acknowledged())
        killed_at, killed_wall = time.monotonic(), time.time()
        a.kill()
        say(f"instance a SIGKILLed after {BEFORE_KILL:.0f} s ({acks_before} cases acknowledged so far)")
        time.sleep(AFTER_KILL)
        result = load.stop()
        for reader in readers:
            reader.stop()
        acks_after = len(result.acknowledged) - acks_before
        say(f"load: {result.summary()}")
        problems += [f"load client stopped: {error}" for error in result.errors]
        for what, status, body in result.other[:10]:
            say(f"  unexpected answer to {what}: {status} {body[:200]!r}")
        for status, body in result.samples[:3]:
            say(f"  a {status} answer: {body[:160]!r}")
        signins_needed = sum(1 for what, status, body in result.other if status in (303, 401, 403))
        if result.other:
            problems.append(f"{len(result.other)} unexpected answers in the load (a sign-in asked again, a 4xx)")
        reader_ok_after = 0
        reader_failed_after = 0
        for reader in readers:
            after = reader.after(killed_at)
            ok = sum(1 for _, _, status, _ in after if status == 200)
            asked = sum(1 for _, _, status, location in reader.answers if status != "conn" and needs_sign_in(status, location))
            failed = [status for _, _, status, _ in after if status != 200]
            reader_ok_after += ok
            reader_failed_after += len(failed)
            signins_needed += asked
            say(f"{reader.name}: {len(reader.answers)} requests, {ok} answered 200 after the kill, "
                f"{len(failed)} not ({sorted(set(map(str, failed)))}), {asked} asked to sign in again")
            if ok == 0:
                problems.append(f"{reader.name} got no page after the kill")
        if acks_after <= 0:
            problems.append("no case acknowledged after the kill")
        if signins_needed:
            problems.append(f"{signins_needed} requests asked to sign in again")
        served_a_before = nginx.served(a.port, until=killed_wall)
        served_b_before = nginx.served(b.port, until=killed_wall)
        served_a_after = nginx.served(a.port, since=killed_wall + 0.5)
        served_b_after = nginx.served(b.port, since=killed_wall)
        say(f"nginx passed {served_a_before} requests to a and {served_b_before} to b before the kill; "
            f"{served_b_after} to b and {served_a_after} to a after it")
        if not served_a_before or not served_b_before:
            problems.append("round robin did not use both instances before the kill")
        if served_a_after:
            problems.append("nginx still reached the killed instance")

        final = drill.check(nginx.url, sample, result.acknowledged, retry_seconds=60)
        say(f"check of all acknowledgements (through b): {final.summary()}")
        for case_id, number, seen in final.lost_cases[:20]:
            say(f"  LOST case {case_id}: acknowledged number {number}, the server shows {seen}")
        stored_twice = postgres.query("SELECT number, COUNT(*) FROM cases GROUP BY number HAVING COUNT(*) > 1")
        total = postgres.query("SELECT COUNT(*) FROM cases")[0][0]
        say(f"database: {total} cases stored, {len(stored_twice)} numbers stored twice")
        b.stop()
        anchor_a = os.path.join(data_a, "audit-anchor", "a.checkpoint")
        anchor_b = os.path.join(data_b, "audit-anchor", "b.checkpoint")
        verified_a, output_a = audit_verify(bin, data_a, env, anchor_b)
        verified_b, output_b = audit_verify(bin, data_b, env, anchor_a)
        say(f"audit verify (a's folder, --anchor b): {output_a}")
        say(f"audit verify (b's folder, --anchor a): {output_b}")
        verified = verified_a and verified_b

        repeated = max(final.repeated_numbers, len(stored_twice))
        if final.lost:
            problems.append(f"{final.lost} acknowledged cases lost or changed")
        if repeated:
            problems.append(f"{repeated} case numbers given twice")
        if not verified:
            problems.append("audit verify failed")
        for problem in problems:
            say(f"FAILED: {problem}")
        drill.result(instances=2, killed="a", acknowledged=len(result.acknowledged), acknowledged_after_kill=acks_after,
                     present=final.present, lost=final.lost, repeated=repeated, reader_ok_after_kill=reader_ok_after,
                     reader_failed_after_kill=reader_failed_after, signins_needed=signins_needed,
                     answered_5xx=result.refused_5xx, served_by_b_after_kill=served_b_after,
                     audit_verify="passed" if verified else "failed", seconds=round(time.monotonic() - started))
        return 1 if problems else 0
    finally:
        if load is not None:
            load.stopping.set()
        for reader in readers:
            reader.stopping.set()
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.kill()
        clean_up(root, postgres, say)


if __name__ == "__main__":
    sys.exit(main())
