"""Prints, as one JSON line, the moto this interpreter would run: its version and a digest of its
installed source files (from the RECORD pip writes), so the launcher can check that it is exactly
the release serve.py patches. Reads metadata only; never imports moto.

usage: python3 probe.py   ->   {"version": "5.2.1", "digest": "<sha256 hex>" | null}
                              {"version": null}                    (no moto installed)
"""
import hashlib
import json
import sys
from importlib import metadata


def source_digest(dist):
    """sha256 over the sorted `path,hash` lines of moto's own .py files in RECORD: equal for every
    install of the same wheel, whatever the platform (compiled files and metadata left out)."""
    record = dist.read_text("RECORD")
    if not record:
        return None
    lines = sorted(
        line.rsplit(",", 1)[0]
        for line in record.splitlines()
        if line.startswith("moto/") and line.split(",", 1)[0].endswith(".py")
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def main():
    try:
        dist = metadata.distribution("moto")
    except metadata.PackageNotFoundError:
        print(json.dumps({"version": None}))
        return
    print(json.dumps({"version": dist.version, "digest": source_digest(dist), "python": sys.executable}))


if __name__ == "__main__":
    main()
