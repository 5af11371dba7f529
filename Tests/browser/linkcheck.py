"""The link checker of issue 22: for one signed-in post, every same-site link reachable from the home page (breadth
first, GET only) must answer neither 403 nor 404 — a link is shown only to a user who may open it. Also refused:
any 5xx, and a redirect to the login page (the session was lost). Plain HTTP with the session cookie, no browser."""
import collections
import html.parser
import http.client
import re
import urllib.parse
import uuid

# Paths a crawler must not open: signing in and out, and the development card simulator (it confirms logins).
# Every other GET route of the site only reads (state changes are POST forms with the CSRF token), so following
# them is safe; reads of personal data are audited as reads.
SKIPPED_PREFIXES = ("/logout", "/login", "/dev/card-simulator")
# Many pages of one shape (171 service points, 160 villages, pages of a list) say nothing new after a few.
PER_SHAPE = 3
PER_POST = 250

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
NUMBER = re.compile(r"(?<=/)\d{6,}(?=/|$)")


def shape(path):
    """`/cases/1b9…` and `/cases/77c…` are one shape; so are `/divisions/140830100204` and `/divisions/140830100000`.
    A link to a service item's form (`?item=21`) keeps its item: each of the 40 items has a form of its own."""
    parts = urllib.parse.urlsplit(path)
    item = urllib.parse.parse_qs(parts.query).get("item")
    return NUMBER.sub("{n}", UUID.sub("{id}", parts.path)) + (f"?item={item[0]}" if item else "")


class Links(html.parser.HTMLParser):
    """The links a page shows: anchors, GET forms (a search form is a way in too) and the assets it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (kind, target, label)
        self._anchor = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._anchor = [attrs["href"], ""]
            self.found.append(("a", attrs["href"], self._anchor))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.found.append(("form", attrs["action"], ["", "(表单)"]))
        elif tag == "link" and attrs.get("href"):
            self.found.append(("asset", attrs["href"], ["", attrs.get("rel", "")]))
        elif tag in ("script", "img") and attrs.get("src"):
            self.found.append(("asset", attrs["src"], ["", tag]))

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor[1] += data.strip()

    def handle_endtag(self, tag):
        if tag == "a":
            self._anchor = None


def same_site(href, page):
    """The site-relative path (with query) of `href` read on `page`, or None for another site, a fragment, mailto…"""
    target = urllib.parse.urljoin("http://site" + page, href)
    parts = urllib.parse.urlsplit(target)
    if parts.scheme != "http" or parts.netloc != "site":
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


class Crawl:
    """One post's crawl: `pages` opened, `problems` as (page, link, label, status)."""

    def __init__(self, port, cookie, start="/", per_post=PER_POST, also=()):
        """`also`: pages the crawl starts from besides `start` when the post may open them (a person's page, a case):
        the demonstration data has no people or cases, so nothing links to them from the home page until the test
        makes some. One the post may not open is skipped, not reported: it is not a link the post was shown."""
        self.port, self.cookie, self.start, self.per_post, self.also = port, cookie, start, per_post, also
        self.pages = []
        self.problems = []
        self.status = {}
        self.capped = 0  # links left unopened when the crawl reached `per_post` pages

    def fetch(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", path, headers={"Cookie": self.cookie, "Accept": "text/html"})
            response = conn.getresponse()
            body = response.read()
            return response.status, response.getheader("Content-Type") or "", response.getheader("Location") or "", body
        finally:
            conn.close()

    def run(self):
        """Breadth first from the start page. Every page → link pair is kept, so a bad link is reported on every page
        that shows it, not only on the first."""
        queue = collections.deque([self.start])
        seen = {self.start}
        shown_on = collections.defaultdict(list)  # target → [(page, label)]
        shown_on[self.start].append(("(起点)", ""))
        for extra in self.also:
            if extra not in seen and self.fetch(extra)[0] == 200:
                seen.add(extra)
                queue.append(extra)
                shown_on[extra].append(("(起点)", ""))
        shapes = collections.Counter()
        while queue and len(self.pages) < self.per_post:
            path = queue.popleft()
            status, kind, location, body = self.fetch(path)
            self.status[path] = status
            self.pages.append(path)
            if status in (301, 302, 303, 307):
                if urllib.parse.urlsplit(location).path.startswith("/login"):
                    self.status[path] = f"{status}→登录页"
                    continue
                target = same_site(location, path)
                if target:
                    shown_on[target].extend(shown_on[path])
                    if target not in seen:
                        seen.add(target)
                        queue.appendleft(target)
                continue
            if status != 200 or "text/html" not in kind:
                continue
            parser = Links()
            parser.feed(body.decode("utf-8", errors="replace"))
            for link_kind, href, (_, text) in parser.found:
                target = same_site(href, path)
                if target is None or target.startswith(SKIPPED_PREFIXES):
                    continue
                shown_on[target].append((path, text or link_kind))
                if target in seen:
                    continue
                seen.add(target)
                if link_kind != "asset":
                    shapes[shape(target)] += 1
                    if shapes[shape(target)] > PER_SHAPE:
                        continue
                queue.append(target)
        self.capped = len(queue)
        for target, status in self.status.items():
            if status in (403, 404) or isinstance(status, str) or status >= 500:
                pages = list(dict.fromkeys(shown_on[target]))
                self.problems.extend((page, target, label, status) for page, label in pages)
        return self

    def report(self):
        lines = [f"  {referrer} → {link}（{label}）: {status}" for referrer, link, label, status in self.problems]
        if self.capped:
            lines.append(f"  (stopped at {self.per_post} pages; {self.capped} links not opened)")
        return lines


def post_form(port, cookie, path, fields):
    """A form POST as the browser sends it (same-site Origin); returns (status, Location)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, urllib.parse.urlencode(fields),
                     {"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}",
                      "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


def counter_pages(port, cookie, id_number, name, village, item=21):
    """What the counter makes every day, made over HTTP as the village operator: a person (found, or registered in
    `village`) and a case of `item` for them. Returns the person's page and the case's page."""
    crawl = Crawl(port, cookie)
    page = crawl.fetch("/citizens")[3].decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    status, location = post_form(port, cookie, "/citizens/lookup", {"_csrf": csrf, "id_number": id_number})
    # Nobody under that number: the search redirects to the registration form (post/redirect/get).
    if status != 303 or urllib.parse.urlsplit(location).path == "/citizens/new":
        status, location = post_form(port, cookie, "/citizens", {
            "_csrf": csrf, "id_number": id_number, "name": name, "phone": "13800007788", "hukou_division": village,
            "residence_division": village, "ethnicity": "汉族"})
    person = urllib.parse.urlsplit(location).path
    if status != 303 or not UUID.search(person):
        raise RuntimeError(f"registering the person answered {status} {location}")
    citizen = UUID.search(person).group(0)
    status, location = post_form(port, cookie, "/cases", {
        "_csrf": csrf, "citizen": citizen, "item": str(item), "submission": str(uuid.uuid4()),
        "documents_checked": "yes", "note": "链接检查"})
    case = urllib.parse.urlsplit(location).path
    if status != 303 or not case.startswith("/cases/"):
        raise RuntimeError(f"accepting item {item} answered {status} {location}")
    return person, case
