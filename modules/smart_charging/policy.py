"""Empty so far: this block holds the composite schedule and site plan calculations
(`composite_schedule.py`, `site_plan.py`), which are pure and need no routing, handler,
command, event, store or query of their own yet."""
