"""The common options of `command_options.OPTION_PROGRAMS` that take no value.

An option written alone in an argument list (`"-m"`, `"--branch"`) may take the next
argument as its value; these do not (`["rsync", "-az", host]`, `["git", "log",
"--oneline", rev]`): the argument after them is read as an option or an operand. The
lists are of each program's common flags (from its manual), not complete: an option not
listed is taken to take a value, which reports less.
"""

from __future__ import annotations

_GIT_LONG = frozenset(
    {
        "--oneline", "--stat", "--shortstat", "--numstat", "--summary", "--raw", "--all",
        "--quiet", "--verbose", "--force", "--bare", "--mirror", "--porcelain",
        "--name-only", "--name-status", "--decorate", "--patch", "--graph", "--no-color",
        "--tags", "--prune", "--follow", "--reverse", "--merges", "--no-merges",
        "--first-parent", "--set-upstream", "--no-checkout", "--recursive",
        "--recurse-submodules", "--single-branch", "--no-tags", "--dry-run", "--cached",
        "--staged", "--ff-only", "--no-ff", "--rebase", "--hard", "--soft", "--mixed",
        "--abbrev-commit", "--no-edit", "--orphan", "--track", "--no-track", "--progress",
    }
)  # fmt: skip

FLAGS: dict[str, tuple[str, frozenset[str]]] = {
    # NOTE: program -> (short letters taking no value, whole options taking none)
    "git": ("aqvfp", _GIT_LONG),
    "hg": ("qvfy", frozenset({"--quiet", "--verbose", "--force", "--noninteractive", "--stat", "--patch", "--git", "--graph", "--all"})),
    "svn": ("qv", frozenset({"--quiet", "--verbose", "--non-interactive", "--force", "--xml", "--incremental"})),
    "ssh": ("qvTtNn46AaCxXYfgKkMs", frozenset()),
    "scp": ("qvrpC346BT", frozenset()),
    "sftp": ("qvrpC346BaN", frozenset()),
    "rsync": (
        "avzrlptgoDHxnPhqcuWSEAXbmkLKi",
        frozenset(
            {
                "--archive", "--verbose", "--compress", "--recursive", "--progress", "--delete",
                "--partial", "--dry-run", "--checksum", "--update", "--links", "--perms",
                "--times", "--human-readable", "--stats", "--quiet", "--inplace", "--append",
                "--existing", "--ignore-existing", "--remove-source-files", "--itemize-changes",
                "--delete-after", "--delete-excluded", "--numeric-ids", "--hard-links",
                "--sparse", "--whole-file", "--one-file-system", "--prune-empty-dirs",
                "--mkpath", "--safe-links", "--copy-links", "--no-motd",
            }
        ),
    ),
    "tar": (
        "xcvztjJrupkhSOWP",
        frozenset(
            {
                "--extract", "--create", "--list", "--verbose", "--gzip", "--bzip2", "--xz",
                "--zstd", "--overwrite", "--no-same-owner", "--no-same-permissions",
                "--same-permissions", "--preserve-permissions", "--keep-old-files",
                "--skip-old-files", "--totals", "--auto-compress", "--dereference",
                "--numeric-owner", "--sparse",
            }
        ),
    ),
    # NOTE: find's tests and actions are words after one dash: only these take no value.
    "find": ("", frozenset({"-print", "-print0", "-delete", "-depth", "-xdev", "-mount", "-empty", "-ls", "-prune", "-quit", "-follow", "-L", "-H", "-P"})),
    "zip": ("rqj0123456789mTyXDvlL", frozenset({"--recurse-paths", "--quiet", "--junk-paths"})),
    "curl": (
        "sSLfkiIvqgGJOZNR",
        frozenset(
            {
                "--silent", "--show-error", "--location", "--fail", "--insecure", "--include",
                "--head", "--verbose", "--compressed", "--globoff", "--remote-name",
                "--remote-header-name", "--get", "--http1.1", "--http2", "--no-progress-meter",
                "--fail-with-body", "--ipv4", "--ipv6", "--raw", "--no-buffer",
            }
        ),
    ),
    "wget": (
        "qvcNrkKSEHpmF",
        frozenset(
            {
                "-nv", "-np", "-nd", "-nH", "-nc", "--quiet", "--verbose", "--continue",
                "--no-verbose", "--no-parent", "--no-directories", "--recursive", "--mirror",
                "--timestamping", "--no-check-certificate", "--no-clobber", "--server-response",
                "--spider", "--convert-links", "--page-requisites", "--adjust-extension",
            }
        ),
    ),
    "sendmail": ("tiv", frozenset({"-oi"})),
    # NOTE: nmap's short options are words (`-sV`, `-Pn`): only these take no value.
    "nmap": (
        "",
        frozenset(
            {
                "-v", "-vv", "-d", "-n", "-R", "-r", "-F", "-A", "-O", "-6", "-sV", "-sS",
                "-sT", "-sU", "-sn", "-sP", "-sC", "-sA", "-sN", "-sF", "-sX", "-sL", "-sY",
                "-Pn", "-PN", "-PE", "-PP", "-PM", "-PR", "-T0", "-T1", "-T2", "-T3", "-T4",
                "-T5", "--open", "--reason", "--traceroute", "--version-all",
                "--version-light", "--osscan-guess", "--system-dns", "--packet-trace",
                "--privileged", "--unprivileged", "--no-stylesheet",
            }
        ),
    ),
    # NOTE: ripgrep's `-t`, `-T`, `-g`, `-e`, `-f`, `-A`/`-B`/`-C`, `-m`, `-j`, `-r` take a value.
    "rg": (
        "iIsSFxwvlcoUnNHLuaqzPb0",
        frozenset(
            {
                "--json", "--vimgrep", "--files", "--hidden", "--no-ignore", "--follow",
                "--ignore-case", "--smart-case", "--case-sensitive", "--fixed-strings",
                "--word-regexp", "--line-regexp", "--count", "--count-matches",
                "--files-with-matches", "--files-without-match", "--only-matching",
                "--multiline", "--multiline-dotall", "--no-heading", "--heading",
                "--line-number", "--no-line-number", "--with-filename", "--no-filename",
                "--null", "--quiet", "--invert-match", "--pcre2", "--search-zip", "--text",
                "--no-messages", "--trim", "--stats", "--column", "--byte-offset",
                "--no-config", "--unrestricted", "--crlf", "--sort-files",
            }
        ),
    ),
    "sslscan": (
        "",
        frozenset(
            {
                "--no-colour", "--no-color", "--show-certificate", "--no-check-certificate",
                "--show-ciphers", "--show-cipher-ids", "--show-times", "--ssl2", "--ssl3",
                "--tls10", "--tls11", "--tls12", "--tls13", "--tlsall", "--no-ciphersuites",
                "--no-fallback", "--no-renegotiation", "--no-compression", "--no-heartbleed",
                "--no-groups", "--show-sigs", "--starttls-ftp", "--starttls-imap",
                "--starttls-pop3", "--starttls-smtp", "--starttls-xmpp", "--ipv4", "--ipv6",
                "--verbose", "--version", "--bugs", "--rdp", "--ocsp",
            }
        ),
    ),
}  # fmt: skip


def takes_value(program: str, option: str) -> bool:
    """Whether `option`, written alone (`"-m"`, `"--branch"`, not `"--depth=1"`), may take
    the next argument as its value: not one of `program`'s flags, nor a cluster of its
    short flags (`-az`)."""
    short, whole = FLAGS.get(program, ("", frozenset()))
    if option in whole:
        return False
    if option.startswith("--") or len(option) < 2:
        return True
    return not (short and all(letter in short for letter in option[1:]))
