#!/usr/bin/env python3
"""Attack an installed `dateline` as a hostile corpus, a hostile local user and an
impatient person would, and print a table of what held.  Each attack is one that broke
Dateline once; a FAIL row says how it breaks now.  Everything runs in a temporary
folder with a cache of its own; nothing outside it is touched.

    python tests/attack_installed.py [--dateline PATH]

Exits 1 if any attack succeeds.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from pty_session import PtySession

RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")
ATTACKS: list[tuple[str, str, Callable[[Attack], None]]] = []


def attack(group: str, name: str):
    def register(function: Callable[[Attack], None]) -> Callable[[Attack], None]:
        ATTACKS.append((group, name, function))
        return function

    return register


class Attack:
    """One attack's folder, cache and environment."""

    def __init__(self, dateline: str, folder: Path) -> None:
        self.dateline = dateline
        self.folder = folder
        self.cache = folder / "cache"
        self.env = {**os.environ, "XDG_CACHE_HOME": str(self.cache), "XDG_STATE_HOME": str(folder / "state"),
                    "PYTHONIOENCODING": ""}

    def file(self, name: str, content: str | bytes) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        return path

    def jsonl(self, name: str, *records: dict | str) -> Path:
        return self.file(name, "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))

    def run(self, *args: str, stdin: bytes | None = None, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
        kwargs.setdefault("env", self.env)
        return subprocess.run([self.dateline, *args], input=stdin, capture_output=True, timeout=timeout, **kwargs)

    def reader(self, *args: str, **kwargs) -> PtySession:
        return PtySession(list(args), command=[self.dateline], env={"XDG_CACHE_HOME": str(self.cache)}, **kwargs)


def ok(done: subprocess.CompletedProcess, code: int = 0) -> str:
    """The command's stdout, once it exited with `code` and wrote only safe UTF-8."""
    assert done.returncode == code, f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}"
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8")  # raises on anything not UTF-8
        assert not RAW_UNSAFE.search(text), f"raw control character {RAW_UNSAFE.search(text)[0]!r}"
    return done.stdout.decode()


def error_lines(done: subprocess.CompletedProcess) -> list[str]:
    return done.stderr.decode().splitlines()


def extracted(done: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in ok(done).splitlines()]


RECORD = {"id": "fine", "date": "2019-05-06", "text": "Acme Corp met on Monday in London."}


# --- the reader -----------------------------------------------------------------------

@attack("reader", "a word wider than the pane (URL, ruler, CJK)")
def long_words(a: Attack) -> None:
    path = a.jsonl(
        "long.jsonl",
        {
            "id": "u",
            "date": "2019-05-06",
            "text": "See https://example.com/" + "a" * 5000 + " and " + "=" * 3000 + " " + "中" * 400,
        },
    )
    session = a.reader(str(path))
    session.wait_for(b"Quit")
    session.type("\t", "j", "q")
    assert session.finish(seconds=10) == 0


@attack("reader", "SIGTERM, SIGHUP, SIGQUIT give the terminal back")
def ending_signals(a: Attack) -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        session = a.reader()
        session.wait_for(b"events")
        os.kill(session.process.pid, signum)
        code = session.finish(seconds=10)
        out = bytes(session.output)
        assert code == 128 + signum, f"{signal.Signals(signum).name}: exit {code}"
        assert b"\x1b[?1049l" in out[out.rfind(b"\x1b[?1049h") :], (
            f"{signal.Signals(signum).name}: alternate screen left on"
        )


@attack("reader", "a crash exits non-zero, the error after the screen")
def crash(a: Attack) -> None:
    hook = a.file("hook/sitecustomize.py", "import tui.app.reader_screen as r\n"
                  "r.ReaderScreen.refresh_timeline = lambda self: 1 / 0\n")
    session = PtySession([], command=[a.dateline], env={"XDG_CACHE_HOME": str(a.cache), "PYTHONPATH": str(hook.parent)})
    code = session.finish(seconds=30)
    out = bytes(session.output)
    assert code == 1, f"exit {code}"
    assert b"ZeroDivisionError" in out[out.rfind(b"\x1b[?1049l"):], "no error after the screen"


@attack("reader", "q and Ctrl+C while the load is blocked on a FIFO")
def quit_while_blocked(a: Attack) -> None:
    for key in ("q", "\x03"):
        fifo = a.folder / f"fifo-{ord(key)}.jsonl"
        os.mkfifo(fifo)
        session = a.reader(str(fifo))
        session.wait_for(b"Quit")
        started = time.monotonic()
        session.type(key, pause=0.1)
        code = session.finish(seconds=10)
        assert code == 0 and time.monotonic() - started < 3, (
            f"{key!r}: exit {code} after {time.monotonic() - started:.1f} s"
        )


@attack("reader", "a newline in an id or source stays on its line")
def newline_in_fields(a: Attack) -> None:
    path = a.jsonl("spoof.jsonl", {"id": "b2\n*** ID SPOOF ***", "source": "x\r\ny", "date": "2019-05-06",
                                   "text": "Acme Corp met on Monday."})
    session = a.reader(str(path))
    session.wait_for(b"Quit")
    session.type("q")
    session.finish()
    assert b"\n*** ID SPOOF" not in session.output and b"\r\ny" not in session.output


@attack("reader", "a corpus on standard input, keys from the terminal")
def reader_from_stdin(a: Attack) -> None:
    path = a.jsonl("piped.jsonl", RECORD)
    session = a.reader("-", stdin_file=str(path))
    session.wait_for(b"Acme Corp met")
    session.type("q")
    assert session.finish() == 0


# --- records ----------------------------------------------------------------------------

@attack("records", "an integer of 5,000 digits")
def huge_integer(a: Attack) -> None:
    path = a.jsonl("big.jsonl", '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}", RECORD)
    done = a.run("extract", str(path))
    assert [r["id"] for r in extracted(done)] == ["fine"]
    assert error_lines(done) == [
        f"dateline: {path}:1: invalid JSON (exceeds the limit (4300 digits) for integer string conversion)"
    ]


@attack("records", "articles dated 0001-01-01 and 9999-12-31 with relative dates")
def calendar_edges(a: Attack) -> None:
    text = ("Officials met yesterday, last week, on Saturday, on Jan. 1 and Dec. 31, in March, last month, "
            "tomorrow, next week, next month, next year and at Christmas.")
    path = a.jsonl("edges.jsonl", *({"id": day, "date": day, "text": text} for day in ("0001-01-01", "9999-12-31")))
    assert len(extracted(a.run("extract", str(path)))) == 2
    ok(a.run("events", str(path)))


@attack("records", "a lone surrogate in every command")
def lone_surrogate(a: Attack) -> None:
    path = a.jsonl("half.jsonl", '{"id": "s\\ud800", "date": "2019-05-06", "text": "Acme \\udc9b Corp met on Monday."}')
    for command in (["extract"], ["events"], ["names"], ["search", "acme"], ["search", "--json", "acme"]):
        out = ok(a.run(*command, str(path)))
        assert out.strip(), f"{command}: nothing printed"


@attack("records", "duplicate ids e1, e1, e1#2")
def duplicate_ids(a: Attack) -> None:
    path = a.jsonl("dup.jsonl", *({"id": i, "text": f"Text {n}."} for n, i in enumerate(["e1", "e1", "e1#2"])))
    ids = [r["id"] for r in extracted(a.run("extract", str(path)))]
    assert len(set(ids)) == 3, ids


@attack("records", "an extractor's bug on one article (injected)")
def extractor_bug(a: Attack) -> None:
    hook = a.file(
        "hook/sitecustomize.py",
        "import tui.extract as x\nreal = x.extract_text\n"
        "def bug(text, *rest):\n    if 'BOOM' in text: raise RuntimeError('bug')\n    return real(text, *rest)\n"
        "x.extract_text = bug\n",
    )
    path = a.jsonl("bug.jsonl", RECORD, {"id": "boom", "date": "2019-05-07", "text": "BOOM said Acme."})
    done = a.run("extract", str(path), env={**a.env, "PYTHONPATH": str(hook.parent)})
    assert [r["id"] for r in extracted(done)] == ["fine", "boom"]
    assert len(error_lines(done)) == 1 and "extraction failed (RuntimeError: bug)" in error_lines(done)[0]


# --- what reaches the terminal -------------------------------------------------------------

@attack("terminal", "a file name with byte 0x9b (8-bit CSI)")
def csi_file_name(a: Attack) -> None:
    path = a.folder / os.fsdecode(b"odd\x9bname.jsonl")
    path.write_text(json.dumps({"date": "2019-05-06", "text": "Acme Corp met on Monday."}) + "\n")
    for command in ("events", "extract", "names"):
        ok(a.run(command, str(path)))
    ok(a.run("events", str(a.folder / os.fsdecode(b"missing\x9b.jsonl"))), code=1)


@attack("terminal", "bidi marks, BOM, line and paragraph separators")
def invisible_marks(a: Attack) -> None:
    path = a.jsonl("marks.jsonl", {"id": "m\u200e\u2028", "date": "2019-05-06", "title": "T\u2029\u061c",
                                   "text": "Acme\u200f Corp\ufeff met\u2028 on Monday."})
    for command in ("events", "names"):
        ok(a.run(command, str(path)))
    out = ok(a.run("extract", str(path)))
    assert "\\u2028" in out  # exact in JSON, escaped


# --- inputs -------------------------------------------------------------------------------

@attack("inputs", "a FIFO in a corpus folder")
def fifo_in_folder(a: Attack) -> None:
    a.jsonl("corpus/a.jsonl", RECORD)
    os.mkfifo(a.folder / "corpus" / "pipe.jsonl")
    done = a.run("events", str(a.folder / "corpus"), timeout=20)
    assert "Acme Corp met" in ok(done)
    assert error_lines(done) == [
        f"dateline: {a.folder}/corpus/pipe.jsonl: not a regular file (a FIFO, socket or device), skipped"
    ]


@attack("inputs", "standard input: -, /dev/stdin, <(...)")
def standard_input(a: Attack) -> None:
    data = json.dumps(RECORD).encode() + b"\n"
    for command in (
        ["extract", "-"],
        ["events", "-"],
        ["names", "-"],
        ["search", "acme", "-"],
        ["extract", "/dev/stdin"],
    ):
        assert "Acme" in ok(a.run(*command, stdin=data)), command
    read, write = os.pipe()
    threading.Thread(target=lambda: (os.write(write, data), os.close(write)), daemon=True).start()
    done = a.run("extract", f"/dev/fd/{read}", pass_fds=(read,))
    os.close(read)
    assert [r["id"] for r in extracted(done)] == ["fine"]


@attack("inputs", "a name too long, a path through a file")
def bad_paths(a: Attack) -> None:
    good = a.jsonl("good.jsonl", RECORD)
    through = a.file("plain.txt", " date 2019-05-06\nText.")
    done = a.run("events", str(a.folder / ("x" * 300 + ".jsonl")), str(through / "inner.jsonl"), str(good))
    ok(done)
    assert len(error_lines(done)) == 2 and all("dateline: " in line for line in error_lines(done))


@attack("inputs", "a symlink to / in a corpus folder")
def symlink_to_root(a: Attack) -> None:
    a.jsonl("tree/a.jsonl", RECORD)
    (a.folder / "tree" / "everything").symlink_to("/")
    (a.folder / "tree" / "loop").symlink_to(a.folder / "tree")
    done = a.run("events", str(a.folder / "tree"), timeout=20)
    ok(done)
    assert len(error_lines(done)) == 2


@attack("inputs", "CR line ends, UTF-16, a JSON array")
def odd_encodings(a: Attack) -> None:
    two = json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "id": "two"}) + "\n"
    paths = [a.file("cr.jsonl", two.replace("\n", "\r")), a.file("wide.jsonl", two.encode("utf-16")),
             a.file("array.json", json.dumps([RECORD, {**RECORD, "id": "two"}], indent=1))]
    for path in paths:
        done = a.run("extract", str(path))
        assert [r["id"] for r in extracted(done)] == ["fine", "two"], path.name
        assert not error_lines(done), error_lines(done)


@attack("inputs", "an article of 64 MB")
def huge_article(a: Attack) -> None:
    path = a.file(
        "huge.jsonl", '{"id": "huge", "text": "' + "word " * (13 * 1024 * 1024) + '"}\n' + json.dumps(RECORD) + "\n"
    )
    done = a.run("extract", str(path), timeout=120)
    assert [r["id"] for r in extracted(done)] == ["fine"]
    assert "too long for one article" in error_lines(done)[0]


@attack("inputs", "a file rewritten while the corpus is read")
def rewritten_mid_read(a: Attack) -> None:
    first = a.jsonl("corpus/a.jsonl", {**RECORD, "id": "old"})
    second = a.jsonl("corpus/b.jsonl", *({"id": f"b{n}", "text": "x"} for n in range(100_000)))  # slow to read
    process = subprocess.Popen([a.dateline, "names", str(a.folder / "corpus")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=a.env)
    while process.poll() is None and not _has_open(process.pid, second):  # a.jsonl read, b.jsonl being read
        time.sleep(0.002)
    first.write_text(json.dumps({**RECORD, "id": "new"}) + "\n")
    process.wait(timeout=120)
    ids = [r["id"] for r in extracted(a.run("extract", str(a.folder / "corpus")))][:1]
    assert ids == ["new"], f"the old content came back from the cache: {ids}"


def _has_open(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


# --- extraction on hostile runs ---------------------------------------------------------------

@attack("extraction", "a megabyte of dots, of '!' and of '?'")
def runs_of_marks(a: Attack) -> None:
    for mark in ".!?":
        path = a.jsonl(f"marks{ord(mark)}.jsonl", {"id": "m", "text": mark * 1_000_000})
        started = time.monotonic()
        extracted(a.run("extract", str(path), timeout=60))
        assert time.monotonic() - started < 30, f"{mark!r}: {time.monotonic() - started:.0f} s"


@attack("extraction", "'Bank of ' * 100,000 (800 KB)")
def bank_of(a: Attack) -> None:
    path = a.jsonl("bank.jsonl", {"id": "b", "text": "Bank of " * 100_000})
    started = time.monotonic()
    extracted(a.run("extract", str(path), timeout=120))
    assert time.monotonic() - started < 30, f"{time.monotonic() - started:.0f} s"


# --- the cache -------------------------------------------------------------------------------

def cache_entry(a: Attack) -> Path:
    (entry,) = (a.cache / "dateline").glob("catalog-*.store")
    return entry


def flip_bits(path: Path, rng: random.Random, times: int = 3) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(times):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


@attack("cache", "a planted pickle is never run")
def planted_pickle(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD)
    a.run("names", str(path))
    marker = a.folder / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache_entry(a).write_bytes(pickle.dumps(Payload()))
    ok(a.run("names", str(path)))
    assert not marker.exists()


@attack("cache", "1 KB of '[' as the word lists")
def hostile_word_lists(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD)
    a.run("names", str(path))
    for lists in (a.cache / "dateline").glob("lexicon-*"):
        lists.write_bytes(b"[" * 1024)
    os.remove(cache_entry(a))
    done = a.run("names", str(path), timeout=60)
    assert "Acme" in ok(done)


@attack("cache", "a folder made with umask 000, and one left open to others")
def open_folder(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD)
    subprocess.run(["sh", "-c", 'umask 000 && exec "$0" "$@"', a.dateline, "names", str(path)], env=a.env,
                   capture_output=True, timeout=60)
    assert stat.S_IMODE((a.cache / "dateline").stat().st_mode) == 0o700
    (a.cache / "dateline").chmod(0o777)
    planted = a.file("cache/dateline/catalog-planted.store", b"x")
    ok(a.run("names", str(path)))
    assert stat.S_IMODE((a.cache / "dateline").stat().st_mode) == 0o700 and not planted.exists()


@attack("cache", "the lock file linked to a victim")
def lock_symlink(a: Attack) -> None:
    victim = a.file("victim.txt", "precious")
    (a.cache / "dateline").mkdir(parents=True, mode=0o700)
    for name in ("lexicon-0123456789abcdef", *(f"lexicon-{n:016x}" for n in range(3))):
        (a.cache / "dateline" / f".{name}.store.lock").symlink_to(victim)
    ok(a.run("names", str(a.jsonl("c.jsonl", RECORD))))
    assert victim.read_text() == "precious"


@attack("cache", "three bit flips, 20 trials: never a wrong answer")
def bit_flips(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD, {"id": "b", "date": "1987-05-04", "text": "Beta Inc paid $5 million last week."})
    fresh = ok(a.run("extract", str(path)))
    rng = random.Random(1987)
    for trial in range(20):
        flip_bits(cache_entry(a), rng)
        assert ok(a.run("extract", str(path))) == fresh, f"trial {trial}"


@attack("cache", "three bit flips in the search index, 20 trials: never a wrong answer")
def index_bit_flips(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD, {"id": "b", "date": "1987-05-04", "text": "Beta Inc paid $5 million last week."})
    fresh = ok(a.run("search", "paid", str(path), "--json"))
    rng = random.Random(1987)
    for trial in range(20):
        ok(a.run("names", str(path)))  # cached again, after the last trial's damage was dropped
        (index,) = (a.cache / "dateline").glob("catalog-*.index")
        files = sorted(f for f in index.iterdir() if f.stat().st_size)
        for _ in range(3):
            flip_bits(rng.choice(files), rng, times=1)
        assert ok(a.run("search", "paid", str(path), "--json")) == fresh, f"trial {trial}"


@attack("cache", "three bit flips in the article store, 20 trials: never a wrong answer")
def store_bit_flips(a: Attack) -> None:
    path = a.jsonl("c.jsonl", RECORD, {"id": "b", "date": "1987-05-04", "text": "Beta Inc paid $5 million last week."})
    fresh = ok(a.run("search", "paid", str(path), "--json"))
    rng = random.Random(1987)
    for trial in range(20):
        ok(a.run("names", str(path)))  # cached again, after the last trial's damage was dropped
        (store,) = (a.cache / "dateline").glob("catalog-*.articles")
        flip_bits(store, rng)
        assert ok(a.run("search", "paid", str(path), "--json")) == fresh, f"trial {trial}"


@attack("cache", "a temporary file a kill -9 left behind")
def stale_temporary(a: Attack) -> None:
    a.run("names", str(a.jsonl("c.jsonl", RECORD)))
    left = a.file("cache/dateline/.catalog-killed.tmp", b"x" * 1000)
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    a.run("names", str(a.jsonl("d.jsonl", {**RECORD, "id": "other"})))
    assert not left.exists()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dateline", default=shutil.which("dateline"), help="the dateline to attack (default: on PATH)"
    )
    parser.add_argument("--only", help="attacks whose name contains this")
    options = parser.parse_args()
    if not options.dateline:
        parser.error("no dateline on PATH: install it, or give --dateline")
    failed = 0
    print(f"attacking {options.dateline}\n")
    print(f"{'':4} {'group':<11} {'attack':<62} {'time':>6}")
    for group, name, function in ATTACKS:
        if options.only and options.only not in name:
            continue
        with tempfile.TemporaryDirectory(prefix="dateline-attack-") as folder:
            started = time.monotonic()
            try:
                function(Attack(options.dateline, Path(folder)))
                verdict, why = "ok", ""
            except Exception as error:  # an attack that got through, however it shows
                failed += 1
                verdict, why = "FAIL", f"\n     {type(error).__name__}: {error}"[:400]
            print(f"{verdict:<4} {group:<11} {name:<62} {time.monotonic() - started:>5.1f}s{why}", flush=True)
    total = sum(1 for _, name, _ in ATTACKS if not options.only or options.only in name)
    print(f"\n{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
