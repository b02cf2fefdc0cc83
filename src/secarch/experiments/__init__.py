"""Experiments: parameter sweeps and sensitivity analysis of any engine, on any backend (DESIGN §3.6).

An experiment file names an engine, the architectures it runs on, the parameters that vary and how
(:mod:`~secarch.experiments.spec`), and a design (:mod:`~secarch.experiments.designs`). A sweep cuts the
design into tasks of vectorised replications (:mod:`~secarch.experiments.plan`), runs them serially, on a
process pool or on a Dask cluster (:mod:`~secarch.experiments.backends`) and writes every batch to the store
as it finishes (:mod:`~secarch.experiments.store`), so an interrupted sweep resumes where it stopped.
:mod:`~secarch.experiments.sensitivity` computes Sobol' and Morris indices with SALib. See docs/sweeps.md.
"""

from secarch.experiments.engines import Case, Engine, ParameterInfo, get_engine, register_engine
from secarch.experiments.plan import Plan, Task, make_plan
from secarch.experiments.runner import Progress, SweepSummary, run_sweep
from secarch.experiments.spec import Experiment, load_experiment_file
from secarch.experiments.store import ResultStore, open_store

__all__ = [
    "Case",
    "Engine",
    "Experiment",
    "ParameterInfo",
    "Plan",
    "Progress",
    "ResultStore",
    "SweepSummary",
    "Task",
    "get_engine",
    "load_experiment_file",
    "make_plan",
    "open_store",
    "register_engine",
    "run_sweep",
]
