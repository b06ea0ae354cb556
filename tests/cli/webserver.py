#!/usr/bin/env python3
"""A web server for the tests of import URL and import --feed, on
127.0.0.1 only.  Serves the files of ROOT under /pages/ and /feed/,
with ETag and Last-Modified (answering 304 to a conditional request that
matches), and the failures a fetch must survive: redirects, a redirect
loop, error statuses, a slow answer, an endless one, a wrong type.
Logs one line per request to LOG.  Usage: webserver.py ROOT PORTFILE LOG
"""
import gzip
import hashlib
import os
import sys
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORTFILE, LOG = sys.argv[1:4]
TYPES = {".html": "text/html", ".htm": "text/html", ".xml": "application/xml",
         ".json": "application/json", ".txt": "text/plain"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def log(self):
        with open(LOG, "a") as f:
            f.write("%s %s inm=%s ims=%s ae=%s ua=%s\n" % (
                self.command, self.path,
                self.headers.get("If-None-Match", "-"),
                self.headers.get("If-Modified-Since", "-"),
                self.headers.get("Accept-Encoding", "-"),
                self.headers.get("User-Agent", "-").replace(" ", "_")))

    def send(self, status, body=b"", ctype="text/html", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def serve_file(self, name):
        path = os.path.join(ROOT, os.path.basename(name))
        if not os.path.isfile(path):
            return self.send(404, b"not found")
        body = open(path, "rb").read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        modified = formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, headers=[("ETag", etag)])
        ctype = TYPES.get(os.path.splitext(path)[1], "application/octet-stream")
        headers = [("ETag", etag), ("Last-Modified", modified)]
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        self.send(200, body, ctype, headers)

    def do_GET(self):
        self.log()
        try:
            self.answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: a timeout or a size limit

    def answer(self):
        p = self.path
        if p.startswith("/pages/") or p.startswith("/feed/"):
            return self.serve_file(p.split("/", 2)[2])
        if p.startswith("/redirect/"):
            _, _, n, name = p.split("/", 3)
            to = "/pages/" + name if n == "0" else "/redirect/%d/%s" % (int(n) - 1, name)
            return self.send(302, headers=[("Location", to)])
        if p == "/loop":
            return self.send(302, headers=[("Location", "/loop")])
        if p.startswith("/status/"):
            return self.send(int(p[8:]), b"<html><body>error</body></html>")
        if p == "/slow":
            time.sleep(6)
            return self.send(200, b"<html><body>late</body></html>")
        if p == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"more " * 2000 + b"</p>\n"
            while True:
                self.wfile.write(chunk)
        if p == "/binary":
            return self.send(200, b"\x00\x01\x02", "application/octet-stream")
        self.send(404, b"not found")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
