"""Child process of the retrieval section: one call of the retrieval package's benchmark.

``python -m bench.retrieval_probe --config FILE --work-dir DIR (--size N | --pdf-pages P)``
runs ``rag.bench.run_retrieval_bench`` for one index size, or ``rag.bench.bench_pdf_ingest``
for one generated PDF, with the config's ``rag`` settings, and prints the figures as one JSON
object on its last output line. Running each size in its own process lets the harness stop a
size that runs past its time budget and frees the index's memory between sizes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run one retrieval measurement; exit 3 when ``rag.bench`` is not available."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--size", type=int)
    what.add_argument("--pdf-pages", type=int)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--embed-sample", type=int, default=64)
    args = parser.parse_args(argv)
    from rag.bench import bench_pdf_ingest, run_retrieval_bench
    from serving.config_loader import load_config

    settings = load_config(args.config, environ={}).rag
    args.work_dir.mkdir(parents=True, exist_ok=True)
    if args.size is not None:
        result = run_retrieval_bench(
            (args.size,),
            queries=args.queries,
            embed_sample=args.embed_sample,
            settings=settings,
            workdir=args.work_dir,
        )
    else:
        result = bench_pdf_ingest(args.pdf_pages, settings=settings)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
