#!/usr/bin/env python3
"""Sum the counters of every TRX file in a folder and print the closing line CI reads:
   'N passed, N failed, N skipped'. Exits 1 if there is no TRX at all (no test ran)."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(folder: str) -> int:
    files = sorted(pathlib.Path(folder).rglob("*.trx"))
    if not files:
        print(f"trx-summary: no .trx files under {folder}", file=sys.stderr)
        return 1
    passed = failed = skipped = 0
    for trx in files:
        counters = ET.parse(trx).getroot().find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            print(f"trx-summary: {trx} has no ResultSummary/Counters", file=sys.stderr)
            return 1
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) \
            + int(counters.get("aborted", 0))
        skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results"))
