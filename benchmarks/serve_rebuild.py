"""The fast edit loop: after editing one record of a 2,000-record site, how much of a
`mkdocs serve` rebuild is spent in yswd's own code (cProfile self time)?

    python benchmarks/serve_rebuild.py [--records 2000]
"""

import argparse
import subprocess
import sys
import tempfile
import cProfile
import os
import pstats
import time
from pathlib import Path
os.environ["NO_MKDOCS_2_WARNING"] = "1"
os.environ["SOURCE_DATE_EPOCH"] = "1764547200"
from mkdocs.commands.build import build
from mkdocs.config import load_config
parser = argparse.ArgumentParser()
parser.add_argument("--records", type=int, default=2000)
args = parser.parse_args()
work = Path(tempfile.mkdtemp(prefix="yswd-serve-"))
root = work / "site"
out = work / "served"
subprocess.run([sys.executable, "-m", "yswd", "synth", "--records", str(args.records), "--out", str(root), "--seed", "1"], check=True)
def config():
    return load_config(str(root / "mkdocs.yml"), site_dir=str(out))
c = config(); c.plugins.on_startup(command="serve", dirty=False)
t = time.time(); build(c); print("first build", round(time.time() - t, 1))
record = sorted((root / "content/engagements").rglob("*.md"))[5]
record.write_text(record.read_text().replace("title: ", "title: Edited ", 1))
c2 = config()
prof = cProfile.Profile()
t = time.time(); prof.enable(); build(c2); prof.disable(); total = time.time() - t
stats = pstats.Stats(prof)
ours = sum(v[2] for k, v in stats.stats.items() if "/yswd/" in k[0])
everything = sum(v[2] for v in stats.stats.values())
print(f"rebuild {total:.1f}s (profiled); share of time in yswd's own code (self time): {100*ours/everything:.1f}%")
rows = sorted(((v[2], k) for k, v in stats.stats.items() if "/yswd/" in k[0]), reverse=True)[:12]
for t, k in rows: print(f"{t:6.2f} {k[0].split('/yswd/')[1]}:{k[1]} {k[2]}")
