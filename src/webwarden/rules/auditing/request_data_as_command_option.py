"""WW1117: request data where a program reads options (argument injection)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataAsCommandOption(TaintRule):
    """## What it does
    Follows request data into an argument of a command run without a shell
    (`subprocess.run`, `check_output`, `Popen`...) where the program may read it as an
    option: the argument list is written as a list or tuple whose first element names a
    program with options that run commands or write files (`git`, `hg`, `svn`, `ssh`,
    `scp`, `sftp`, `rsync`, `tar`, `find`, `zip`, `curl`, `wget`, `sendmail`, ripgrep's
    `rg` (its `--pre` runs a command on every file it searches), and the scanners `nmap`
    and `sslscan` that security tools run on a target the user names), and the data is an argument before any `--`; also the `hosts` and `arguments` of
    python-nmap's `PortScanner().scan()`, which it splits with `shlex` into nmap's
    command line. Not reported: an argument after `--` (or git's
    `--end-of-options`), one right after an option written without its value (`"-m",
    message`, `"--branch", name`, `"-czf", name`: the option takes it as its value),
    one written after fixed text (`f"refs/heads/{branch}"`, `"origin/" + name`) or into a
    path after a folder of the code's (`os.path.join(tempfile.mkdtemp(), name + ".zip")`,
    `Path(root) / name`: the path starts with the folder, an absolute `name` with `/`;
    not after an empty one, `os.path.join("", name)`), and a value checked to
    hold no `-` (`re.fullmatch(r"[\\w.]+", rev)`) or to start
    with a character that is not one (`re.fullmatch(r"[a-z0-9][a-z0-9.-]*", host)`), to start with text of the code's
    (`url.startswith("https://")`) or converted (`int(n)`). The program may be a module
    constant (`GIT = "git"`). The list may be built in a local or a helper's parameter
    (`def git(*args): run(["git", *args])`), and grown after it is written
    (`cmd.append(rev)`, `cmd.extend([...])`, `["git"] + args`): what is added so, or
    spread into it, is reported with medium confidence (a `--` among a caller's
    arguments, or an option written alone just before, is not seen).

    ## Why is this bad?
    Without a shell nothing is split or expanded, but the program still reads any
    argument starting with `-` as an option. `git ls-remote --upload-pack='touch /tmp/x'
    origin`, `git log --output=/app/config.py`, `ssh -oProxyCommand=...`, `rsync -e ...`,
    `tar --to-command=...`, `--pre=sh` as ripgrep's pattern (a search box's query: it
    runs `sh` on each file searched), `find -exec`, `nmap -oN /path` or `--script=...` and
    `sslscan --xml=/path` run commands or overwrite files of the attacker's choosing
    (CVE-2022-24439 in GitPython, CVE-2022-25648, and many more).

    ## Known problems
    Which options take a value is known for each program's common flags only (`-az` of
    rsync, `--oneline` of git take none): an argument right after another option
    written alone is taken for its value, and not reported. A program named by an attribute
    (`[self.command, ...]`) is not known.

    ## Example
    ```python
    import subprocess

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/history")
    def history():
        rev = request.args.get("rev", "HEAD")
        return subprocess.check_output(["git", "log", "-n", "20", rev], cwd="/srv/repo")
    ```

    ## Fix
    ```python
    import subprocess

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/history")
    def history():
        rev = request.args.get("rev", "HEAD")
        return subprocess.check_output(
            ["git", "log", "-n", "20", "--end-of-options", rev, "--"], cwd="/srv/repo"
        )
    ```
    End the options with `--` (git's revisions: `--end-of-options`) before any value
    from the request, or check the value starts with a letter or digit.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README);
    the sink kind of this rule is `option`.

    ## References
    - [CWE-88: Argument Injection](https://cwe.mitre.org/data/definitions/88.html)
    - [SonarSource: Securing developer tools: argument injection in Git](https://www.sonarsource.com/blog/securing-developer-tools-git-integrations/)
    - [ripgrep manual: --pre](https://manpages.ubuntu.com/manpages/noble/man1/rg.1.html)
    - [git-rev-parse: --end-of-options](https://git-scm.com/docs/git-rev-parse#Documentation/git-rev-parse.txt---end-of-options)
    """

    code = "WW1117"
    name = "request-data-as-command-option"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 88
    message = "{source} may be read as an option by the command run by `{sink}`"
    fix = "put `--` (git revisions: `--end-of-options`) before values from the request"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
