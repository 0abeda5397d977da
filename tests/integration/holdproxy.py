#!/usr/bin/env python3
"""holdproxy.py: an HTTP proxy for the crash tests of the outbox.

Usage: holdproxy.py LISTEN_PORT UPSTREAM_PORT PATH_SUFFIX MARK_FILE

Relays every request to 127.0.0.1:UPSTREAM_PORT and its answer back,
except a POST whose path ends in PATH_SUFFIX: that one reaches the server
(which does the work), but its answer is withheld and MARK_FILE is
written. The client is left waiting, the way a connection dropped after
the server took the request leaves it, so the test can kill it there.
"""
import http.client
import socketserver
import sys
import time

LISTEN, UPSTREAM, SUFFIX, MARK = (int(sys.argv[1]), int(sys.argv[2]),
                                  sys.argv[3], sys.argv[4])
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection",
       "te", "trailer", "upgrade"}


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        while self.one():
            pass

    def one(self):
        line = self.rfile.readline(65536)
        if not line.strip():
            return False
        method, path, _ = line.decode("latin-1").split(" ", 2)
        headers = []
        while True:
            h = self.rfile.readline(65536).decode("latin-1")
            if h in ("\r\n", "\n", ""):
                break
            k, v = h.split(":", 1)
            headers.append((k.strip(), v.strip()))
        size = sum(int(v) for k, v in headers if k.lower() == "content-length")
        body = self.rfile.read(size) if size else None
        up = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=60)
        up.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in headers:
            if k.lower() not in HOP:
                up.putheader(k, v)
        up.endheaders(body)
        resp = up.getresponse()
        data = resp.read()
        up.close()
        if method == "POST" and path.split("?")[0].endswith(SUFFIX):
            open(MARK, "w").write(path + "\n")
            time.sleep(3600)        # the client is killed meanwhile
            return False
        out = ["HTTP/1.1 %d %s\r\n" % (resp.status, resp.reason)]
        for k, v in resp.getheaders():
            if k.lower() not in HOP and k.lower() != "content-length":
                out.append("%s: %s\r\n" % (k, v))
        out.append("Content-Length: %d\r\n\r\n" % len(data))
        self.wfile.write("".join(out).encode("latin-1") + data)
        self.wfile.flush()
        return True


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", LISTEN), Handler).serve_forever()
