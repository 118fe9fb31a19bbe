#!/usr/bin/env python3
"""Baseline for the date-normaliser benchmark: JioNLP's `parse_time` on the same phrases.

Usage: bench_jionlp.py PHRASES.json [--no-install]
PHRASES.json is a list of [phrase, "YYYY-MM-DD" reference date] written by policy-ledger-bench.
JioNLP lives in a virtual environment under target/bench-venv (created and filled from PyPI
on first use unless --no-install). Prints one JSON line:
{"phrases": n, "secs": s, "parsed": k, "jionlp": version} or {"error": reason}.
Only the parse_time calls are timed (not importing JioNLP or loading its dictionaries).
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.environ.get("BENCH_VENV", os.path.join(ROOT, "target", "bench-venv"))
VENV_PY = os.path.join(VENV, "bin", "python")


def fail(reason: str) -> int:
    print(json.dumps({"error": reason}))
    return 0


def ensure_venv(install: bool) -> str | None:
    """Return None when JioNLP is importable from the venv, else the reason it is not."""
    probe = [VENV_PY, "-c", "import jionlp"]
    if os.path.exists(VENV_PY) and subprocess.run(probe, capture_output=True).returncode == 0:
        return None
    if not install:
        return f"JioNLP is not installed in {VENV} (run scripts/bench without --smoke once)"
    if not os.path.exists(VENV_PY):
        r = subprocess.run([sys.executable, "-m", "venv", VENV], capture_output=True, text=True)
        if r.returncode != 0:
            return f"python3 -m venv failed: {r.stderr.strip().splitlines()[-1:]}"
    r = subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "jionlp"], capture_output=True, text=True)
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ["?"])[-1]
        return f"pip install jionlp failed: {tail}"
    return None


def measure(path: str) -> int:
    import datetime
    import io
    import contextlib

    # JioNLP prints a banner on import; keep stdout for the result line only.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    with open(path, encoding="utf-8") as f:
        phrases = json.load(f)
    bases = [
        time.mktime(datetime.date.fromisoformat(d).timetuple()) for _, d in phrases
    ]
    # Warm JioNLP's lazy dictionaries outside the timed loop.
    jionlp.parse_time(phrases[0][0], time_base=bases[0])
    parsed = 0
    t = time.perf_counter()
    for (p, _), base in zip(phrases, bases):
        try:
            jionlp.parse_time(p, time_base=base)
            parsed += 1
        except Exception:
            pass
    secs = time.perf_counter() - t
    print(json.dumps({"phrases": len(phrases), "secs": secs, "parsed": parsed,
                      "jionlp": getattr(jionlp, "__version__", "?")}))
    return 0


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        return fail("usage: bench_jionlp.py PHRASES.json [--no-install]")
    in_venv = os.path.realpath(sys.prefix) == os.path.realpath(VENV)
    if not in_venv and os.environ.get("BENCH_IN_VENV") != "1":
        reason = ensure_venv("--no-install" not in sys.argv)
        if reason:
            return fail(reason)
        env = dict(os.environ, BENCH_IN_VENV="1")
        return subprocess.run([VENV_PY, os.path.abspath(__file__), *sys.argv[1:]], env=env).returncode
    return measure(args[0])


if __name__ == "__main__":
    sys.exit(main())
