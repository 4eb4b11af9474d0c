#!/usr/bin/python3
"""Crash test (issue 16): no acknowledged write is lost when the service is killed.

Starts the built app (Debug by default) on a private SQLite file with the demo data, signs in several local-government
staff accounts (password, then the demo authenticator code), and lets them create draft openings through the real
form (/manage/openings/new) concurrently, recording the id of every write the app acknowledged (the redirect to the
new opening). Mid-load the app is killed with SIGKILL, restarted on the same file, and every write acknowledged so
far (in this run and the earlier ones) must be there, with its title. Repeated --runs times (3).

Prints one summary line; exits 1 on any lost write (or if the app could not start or nothing was written).
Standard library only (Debian's /usr/bin/python3). Usage:
    scripts/crash-test.py [--runs 3] [--writers 4] [--configuration Debug] [--trx out.trx] [--keep]
"""
import argparse
import base64
import hashlib
import hmac
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "demo-pass-2026"
DEMO_KEY = "CIOMARKETPLACEDEMOSECRETKEY23456"
STAFF = ["ozu@demo.cio-marketplace.jp", "maibara@demo.cio-marketplace.jp", "maibara2@demo.cio-marketplace.jp",
         "uchiko@demo.cio-marketplace.jp", "osaka@demo.cio-marketplace.jp"]
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


def totp(key, at=None):
    secret = base64.b32decode(key)
    counter = int((at or time.time()) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept, redirects not followed (the Location is the acknowledgement)."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, form=None, timeout=30):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=timeout) as r:
                return r.status, r.headers.get("Location", ""), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location", ""), e.read().decode("utf-8", "replace")

    def token(self, path):
        status, _, html = self.request(path)
        m = TOKEN.search(html)
        if status != 200 or not m:
            raise RuntimeError("no antiforgery token on %s (%s)" % (path, status))
        return m.group(1).replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=")

    def sign_in(self, email):
        status, location, _ = self.request("/account/login", {
            "Input.Email": email, "Input.Password": PASSWORD, "__RequestVerificationToken": self.token("/account/login")})
        if status != 302:
            raise RuntimeError("sign-in of %s answered %s" % (email, status))
        if "/account/two-factor/sign-in" in location:
            step = urllib.parse.urlparse(location)
            step_path = step.path + ("?" + step.query if step.query else "")
            return_url = urllib.parse.parse_qs(step.query).get("returnUrl", [""])[0]
            for _ in range(3):
                status, location, _ = self.request("/account/two-factor/sign-in", {
                    "Code": totp(DEMO_KEY), "returnUrl": return_url, "__RequestVerificationToken": self.token(step_path)})
                if status == 302:
                    break
                time.sleep(31 - time.time() % 30)  # a code is used once: wait for the next one
            if status != 302:
                raise RuntimeError("second factor of %s answered %s" % (email, status))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    def __init__(self, dll, db, folder, port, log):
        self.dll, self.db, self.folder, self.port, self.log = dll, db, folder, port, log
        self.proc = None

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, timeout=240):
        env = dict(os.environ,
                   ASPNETCORE_ENVIRONMENT="Development", DOTNET_CLI_TELEMETRY_OPTOUT="1",
                   ConnectionStrings__Marketplace="Data Source=" + self.db, Database__Provider="Sqlite",
                   Seed__Demo="true", Jobs__Server="false", Smtp__Host="", Smtp__PickupDirectory=os.path.join(self.folder, "mail"),
                   RateLimits__WritesPerUserPerMinute="1000000", RateLimits__AuthPerClientPerMinute="1000",
                   Quotas__DraftsPerDay="1000000", Logging__LogLevel__Default="Warning")
        env.pop("ASPNETCORE_URLS", None)
        self.proc = subprocess.Popen(["dotnet", self.dll, "--urls", self.base], cwd=os.path.dirname(self.dll), env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the app exited with %s (see %s)" % (self.proc.returncode, self.log.name))
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError("the app did not answer /health within %d s" % timeout)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class Writer(threading.Thread):
    """Creates draft openings until told to stop; records (id, title) of each acknowledged one."""

    def __init__(self, browser, name, run, stop, acknowledged, lock):
        super().__init__(daemon=True)
        self.browser, self.name_, self.run_, self.stop, self.acknowledged, self.lock = browser, name, run, stop, acknowledged, lock
        self.errors = 0

    def run(self):
        n = 0
        try:
            token = self.browser.token("/manage/openings/new")
        except Exception:
            return
        deadline = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
        while not self.stop.is_set():
            n += 1
            title = "crash-%d-%s-%d" % (self.run_, self.name_, n)
            form = {
                "Input.Notice": "", "Input.Title": title, "Input.RoleCode": "cio_advisor", "Input.EngagementCode": "part_time_appointee",
                "Input.Description": "クラッシュ試験", "Input.Duties": "DX推進", "Input.Positions": "1", "Input.FirstTermMonths": "12",
                "Input.RenewalRule": "Unlimited", "Input.PayAmount": "300000", "Input.PayUnit": "Month", "Input.DaysPerWeek": "2",
                "Input.OnsiteDays": "2", "Input.OnsitePeriod": "Month", "Input.RemoteAllowed": "true", "Input.ApplicationDeadline": deadline,
                "Input.SelectionSteps": "書類選考", "Input.ConcurrencyToken": "", "__RequestVerificationToken": token,
            }
            try:
                status, location, _ = self.browser.request("/manage/openings/new", form, timeout=10)
            except Exception:
                self.errors += 1
                time.sleep(0.2)
                continue  # the app is gone: nothing was acknowledged
            m = re.search(r"/manage/openings/(\d+)$", location)
            if status == 302 and m:
                with self.lock:
                    self.acknowledged.append((self.browser, int(m.group(1)), title))
            else:
                self.errors += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--configuration", default=os.environ.get("CONFIGURATION", "Debug"))
    parser.add_argument("--trx", help="also write the result as a one-test TRX file (for .ci/run's totals)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (database, log)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    random.seed(args.seed)
    started = time.time()

    dll = os.path.join(ROOT, "src", "Marketplace.Web", "bin", args.configuration, "net10.0", "Marketplace.Web.dll")
    if not os.path.exists(dll):
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Marketplace.Web"), "-c", args.configuration, "-v", "q", "-nologo"], check=True)
    folder = tempfile.mkdtemp(prefix="crash-test-")
    log = open(os.path.join(folder, "app.log"), "w")
    app = App(dll, os.path.join(folder, "crash.db"), folder, free_port(), log)
    acknowledged, lock = [], threading.Lock()
    lost, errors, message = [], 0, ""
    browsers = {}
    try:
        app.start()
        print("crash-test: app started on a new database (migrations, demo data) in %.0f s" % (time.time() - started), flush=True)
        for email in STAFF[:args.writers]:
            browsers[email] = Browser(app.base)
            browsers[email].sign_in(email)
        for run in range(1, args.runs + 1):
            stop = threading.Event()
            writers = [Writer(b, email.split("@")[0], run, stop, acknowledged, lock) for email, b in browsers.items()]
            for w in writers:
                w.start()
            time.sleep(random.uniform(3.0, 6.0))  # writes under load, then the power goes
            app.kill()
            stop.set()
            for w in writers:
                w.join(30)
                errors += w.errors
            restarted = time.time()
            app.start()
            restart_seconds = time.time() - restarted
            for email, b in browsers.items():
                if b.request("/manage/openings")[0] != 200:
                    b.sign_in(email)  # a session is a row too; sign in again if it did not survive
            with lock:
                done = list(acknowledged)
            lost = []
            for browser, opening, title in done:
                status, _, html = browser.request("/manage/openings/%d" % opening)
                if status != 200 or title not in html:
                    lost.append((opening, title, status))
            print("crash-test: run %d: %d acknowledged writes so far, %d lost after kill -9 and a restart of %.0f s" % (run, len(done), len(lost), restart_seconds), flush=True)
            if lost:
                break
    except Exception as e:  # the app could not start, sign-in failed...
        message = str(e)
    finally:
        app.kill()
        log.close()

    elapsed = time.time() - started
    ok = not message and not lost and len(acknowledged) > 0
    summary = "crash-test: %s: %d runs, %d acknowledged writes by %d writers, %d lost, %d unacknowledged attempts, %.0f s%s" % (
        "passed" if ok else "FAILED", args.runs, len(acknowledged), args.writers, len(lost), errors, elapsed, (": " + message) if message else "")
    for opening, title, status in lost[:20]:
        print("  lost: opening %d (%s): %s" % (opening, title, status))
    print(summary, flush=True)
    if args.trx:
        os.makedirs(os.path.dirname(os.path.abspath(args.trx)), exist_ok=True)
        with open(args.trx, "w") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<TestRun name="crash-test" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">\n'
                    '  <ResultSummary outcome="%s">\n    <Counters total="1" executed="1" passed="%d" failed="%d" error="0" timeout="0" aborted="0" />\n'
                    '    <Output><StdOut>%s</StdOut></Output>\n  </ResultSummary>\n</TestRun>\n'
                    % ("Completed" if ok else "Failed", 1 if ok else 0, 0 if ok else 1, summary.replace("&", "&amp;").replace("<", "&lt;")))
    if args.keep or not ok:
        print("crash-test: files kept in %s" % folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
