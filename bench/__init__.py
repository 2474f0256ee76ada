"""Tresor's benchmark harness: ``python -m bench.run`` (``make bench``).

Every section measures one cost of the assistant side by side with its baseline in the same
run and reports ratios, because the shared development machines are noisy. Results go to
``bench/results/`` as JSON, Markdown and PNG plots, stamped with the machine's facts.
"""
