"""Background jobs of the web application: the kinds (:mod:`~secarch.web.jobs.kinds`), the adapters to the
engines (:mod:`~secarch.web.jobs.adapters`), the worker process (:mod:`~secarch.web.jobs.worker`) and the
manager that queues, runs, cancels and records them (:mod:`~secarch.web.jobs.manager`)."""
