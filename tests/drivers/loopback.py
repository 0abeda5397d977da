#!/usr/bin/env python3
"""loopback.py: a scripted HTTP/1.1 server on 127.0.0.1 for driver tests.

Usage:
    python3 tests/drivers/loopback.py [--port N] [--tls CERT KEY] SCRIPT LOG
    python3 tests/drivers/loopback.py --check SCRIPT LOG

The server prints the port it listens on as the first line of stdout (then
flushes), serves until SIGTERM or SIGINT (over TLS with --tls, to check
certificate verification), and appends one JSON object per
request it received to LOG. `--check` reads a finished LOG and exits 1,
listing them, when expectations with a "min" count were not met.

SCRIPT is JSON: either a list of expectations or {"requests": [...]}.
An expectation matches a request when every key it gives agrees:

    "method":  "GET"                     (default: any)
    "path":    "/api/v2/tickets.json"    (exact, without the query)
    "path_prefix": "/api/"               (instead of "path")
    "query":   {"page": "2"} or "page=2&per_page=100"
               (the given parameters must be present with these values;
               "exact_query": true also forbids any other parameter)
    "headers": {"Authorization": "Bearer x", "X-Absent": null}
               (case-insensitive names; null means the header must be absent)
    "json":    {...}                     (the body parses as exactly this JSON)
    "body_contains": "text" or ["a", "b"]
    "times":   N      how many requests it answers (default 1; 0 = unlimited)
    "min":     N      for --check: it must have matched at least N times

and answers with "response" (one object) or "responses" (a list used in turn,
one per matching request; the expectation is used up after the last one unless
"times" says otherwise, in which case the last answer repeats):

    "status":  200 (default)
    "headers": {"Retry-After": "1"}      values may contain {{now}} or
               {{now+N}} / {{now-N}}: the current Unix time plus N seconds,
               and {{base}}: the server's own http://127.0.0.1:PORT
    "body":    "text"  |  "json": {...}  |  "body_file": "path"
               (relative to the script's folder)
               |  "body_repeat": ["x", 1000000]
    "gzip":    true    compress the body and send Content-Encoding: gzip
    "delay_ms": 300    wait before answering
    "drop":    true    send the headers and half of the body, then close
    "truncate": N      send the headers (full Content-Length) and N body
                       bytes, then close

Expectations are tried in order; the first one that matches and is not used
up answers. A request that matches none gets status 599 and a text/plain body
saying why the nearest candidates did not match.

Each LOG line: {"seq", "time", "method", "path", "query" (raw), "params"
(name -> list of values), "headers" (lower-case name -> value), "body",
"expectation" (index or null), "status"}.
"""

import gzip
import json
import os
import signal
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

NOW_TOKEN = "{{now"


def load_script(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict):
        data = data.get("requests", [])
    if not isinstance(data, list):
        raise SystemExit("loopback: script must be a list of expectations")
    for i, exp in enumerate(data):
        if not isinstance(exp, dict):
            raise SystemExit("loopback: expectation %d is not an object" % i)
        if "response" in exp:
            exp["_answers"] = [exp["response"]]
        else:
            exp["_answers"] = exp.get("responses") or [{}]
        if "times" not in exp:
            exp["times"] = len(exp["_answers"]) if "responses" in exp else 1
        exp["_used"] = 0
    return data


def expand_now(value):
    """Replace {{now}}, {{now+N}} and {{now-N}} with Unix times."""
    out = str(value)
    while NOW_TOKEN in out:
        start = out.index(NOW_TOKEN)
        end = out.index("}}", start)
        expr = out[start + len(NOW_TOKEN):end].strip()
        delta = int(expr) if expr else 0
        out = out[:start] + str(int(time.time()) + delta) + out[end + 2:]
    return out


def parse_query(raw):
    return parse_qs(raw, keep_blank_values=True)


def mismatch(exp, req):
    """Why exp does not match req (a short string), or None when it does."""
    if "method" in exp and exp["method"].upper() != req["method"]:
        return "method %s != %s" % (req["method"], exp["method"])
    if "path" in exp and exp["path"] != req["path"]:
        return "path %s != %s" % (req["path"], exp["path"])
    if "path_prefix" in exp and not req["path"].startswith(exp["path_prefix"]):
        return "path %s lacks prefix %s" % (req["path"], exp["path_prefix"])
    if "query" in exp:
        want = exp["query"]
        if isinstance(want, str):
            want = {k: v[0] if len(v) == 1 else v
                    for k, v in parse_query(want).items()}
        for k, v in want.items():
            got = req["params"].get(k)
            vals = v if isinstance(v, list) else [str(v)]
            if got != [str(x) for x in vals]:
                return "query %s=%s, want %s" % (k, got, v)
        if exp.get("exact_query"):
            extra = set(req["params"]) - set(want)
            if extra:
                return "unexpected query parameters %s" % sorted(extra)
    for name, value in (exp.get("headers") or {}).items():
        got = req["headers"].get(name.lower())
        if value is None:
            if got is not None:
                return "header %s should be absent" % name
        elif got != value:
            return "header %s: %r != %r" % (name, got, value)
    if "json" in exp:
        try:
            body = json.loads(req["body"])
        except ValueError:
            return "body is not JSON"
        if body != exp["json"]:
            return "JSON body differs: %s" % req["body"][:200]
    contains = exp.get("body_contains")
    if contains is not None:
        for part in contains if isinstance(contains, list) else [contains]:
            if part not in req["body"]:
                return "body lacks %r" % part
    return None


class State:
    """Everything the handler threads share, behind one lock."""

    def __init__(self, script, script_dir, log_path):
        self.script = script
        self.script_dir = script_dir
        self.log = open(log_path, "a", encoding="utf-8")
        self.lock = threading.Lock()
        self.seq = 0

    def choose(self, req):
        """The expectation index and answer for req, or (None, why)."""
        with self.lock:
            self.seq += 1
            req["seq"] = self.seq
            why = []
            for i, exp in enumerate(self.script):
                times = exp["times"]
                reason = mismatch(exp, req)
                if reason is None and times and exp["_used"] >= times:
                    reason = "matches, but used up after %d" % times
                    why.append("  #%d: %s" % (i, reason))
                    continue
                if reason is None:
                    answers = exp["_answers"]
                    answer = answers[min(exp["_used"], len(answers) - 1)]
                    exp["_used"] += 1
                    return i, answer
                why.append("  #%d: %s" % (i, reason))
            return None, "\n".join(why[:8]) or "  (empty script)"

    def record(self, req, index, status):
        entry = {k: req[k] for k in ("seq", "time", "method", "path",
                                     "query", "params", "headers", "body")}
        entry["expectation"] = index
        entry["status"] = status
        with self.lock:
            self.log.write(json.dumps(entry, sort_keys=True) + "\n")
            self.log.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "loopback/1"

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
        super().setup()

    def log_message(self, fmt, *args):  # keep the test output clean
        pass

    def handle_any(self):
        state = self.server.state
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        req = {
            "time": time.time(),
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "params": parse_query(url.query),
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": raw.decode("utf-8", "replace"),
        }
        index, answer = state.choose(req)
        if index is None:
            text = "loopback: no expectation matches %s %s\n%s\n" % (
                self.command, self.path, answer)
            state.record(req, None, 599)
            self.send_plain(599, text)
            return
        status = int(answer.get("status", 200))
        state.record(req, index, status)
        try:
            self.send_answer(answer, status)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first (a timeout test): nothing to say.
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any
    do_HEAD = do_OPTIONS = handle_any

    def send_plain(self, status, text):
        body = text.encode()
        self.send_response(status, "No Expectation")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_body(self, answer):
        if "json" in answer:
            return json.dumps(answer["json"]).encode(), "application/json"
        if "body_file" in answer:
            path = os.path.join(self.server.state.script_dir,
                                answer["body_file"])
            with open(path, "rb") as f:
                data = f.read()
            kind = ("application/json" if path.endswith(".json")
                    else "application/octet-stream")
            return data, kind
        if "body_repeat" in answer:
            text, count = answer["body_repeat"]
            return (str(text) * int(count)).encode(), "text/plain"
        return str(answer.get("body", "")).encode(), "text/plain"

    def send_answer(self, answer, status):
        if answer.get("delay_ms"):
            time.sleep(answer["delay_ms"] / 1000.0)
        body, kind = self.answer_body(answer)
        if answer.get("gzip"):
            body = gzip.compress(body)
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        headers = {k: expand_now(v).replace("{{base}}", base)
                   for k, v in (answer.get("headers") or {}).items()}
        self.send_response(status)
        names = {k.lower() for k in headers}
        if "content-type" not in names:
            self.send_header("Content-Type", kind)
        if answer.get("gzip"):
            self.send_header("Content-Encoding", "gzip")
        for k, v in headers.items():
            self.send_header(k, v)
        cut = None
        if answer.get("drop"):
            cut = len(body) // 2
        elif "truncate" in answer:
            cut = min(int(answer["truncate"]), len(body))
        if self.command != "HEAD" or "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        if cut is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if cut is None:
            self.wfile.write(body)
            return
        # Close mid-body: the client sees fewer bytes than Content-Length.
        self.wfile.write(body[:cut])
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that hang up (timeouts, closed keep-alive) are normal here.
        if isinstance(sys.exc_info()[1],
                      (ConnectionError, TimeoutError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


def check(script_path, log_path):
    script = load_script(script_path)
    used = [0] * len(script)
    unmatched = 0
    with open(log_path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry["expectation"] is None:
                unmatched += 1
            else:
                used[entry["expectation"]] += 1
    bad = 0
    for i, exp in enumerate(script):
        if used[i] < int(exp.get("min", 0)):
            print("loopback: expectation #%d (%s %s) matched %d times, "
                  "want at least %s" % (i, exp.get("method", "*"),
                                        exp.get("path", "*"), used[i],
                                        exp["min"]))
            bad = 1
    if unmatched:
        print("loopback: %d request(s) matched no expectation" % unmatched)
        bad = 1
    return bad


def main(argv):
    port = 0
    args = list(argv[1:])
    if args and args[0] == "--check":
        if len(args) != 3:
            raise SystemExit("usage: loopback.py --check SCRIPT LOG")
        return check(args[1], args[2])
    tls = None
    while len(args) > 2 and args[0] in ("--port", "--tls"):
        if args[0] == "--port":
            port = int(args[1])
            args = args[2:]
        else:
            tls = (args[1], args[2])
            args = args[3:]
    if len(args) != 2:
        raise SystemExit("usage: loopback.py [--port N] [--tls CERT KEY] "
                         "SCRIPT LOG")
    script = load_script(args[0])
    server = Server(("127.0.0.1", port), Handler)
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(tls[0], tls[1])
        # The handshake happens in the handler thread, so a client that
        # rejects the certificate cannot stall the accept loop.
        server.socket = ctx.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    server.state = State(script, os.path.dirname(os.path.abspath(args[0])),
                         args[1])

    def stop(signum, frame):
        # shutdown() waits for serve_forever, so run it from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.1)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
