"""Outlet reliability (SPEC 10): each outlet's hit rate, materialised / (materialised + not
materialised) over the stories it broke, smoothed towards what outlets in general achieve.

The rate rests on settled stories, those whose horizon has closed. A move is known the day it
happens, a miss only when the horizon closes, so while horizons are open the stories already known
to have come true are the early ones and the misses beside them are still pending: counting them
would flatter every outlet (by half, in the demo league). So a hit counts once its horizon has
closed; until then it shows under `materialised` but not in the rate. Pending stories are counted
apart, never as failures.

The smoothing is empirical Bayes: a Beta(alpha, beta) prior fitted to all outlets by maximising the
beta-binomial likelihood of their settled counts (scipy.stats.betabinom, scipy.optimize), so an
outlet with three stories is pulled towards the typical outlet and one with three hundred hardly at
all; how hard is the prior's strength (alpha + beta stories' worth), weak when outlets differ
widely. Each outlet's posterior Beta(alpha + hits, beta + misses) gives its hit rate (the posterior
mean) and a credible interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_PRIOR_OUTLETS = 3  # outlets with a settled story needed to fit the prior; fewer (or no hit, or no
# miss, among them): uniform Beta(1, 1)
CONCENTRATION_BOUNDS = (1.0, 1e4)  # alpha + beta: at least one story's worth, at most "all outlets alike"
# outlet_reliability.csv as SPEC 10 names it; COLUMNS adds the tier and what the estimate rests on
SPEC_COLUMNS = [
    "outlet",
    "stories",
    "materialised",
    "not_materialised",
    "pending",
    "hit_rate",
    "hit_rate_low",
    "hit_rate_high",
]
COLUMNS = [
    SPEC_COLUMNS[0],
    "tier",
    *SPEC_COLUMNS[1:],
    "settled_stories",
    "settled_materialised",
    "raw_hit_rate",
    "prior_alpha",
    "prior_beta",
    "pool",
]


@dataclass(frozen=True)
class Prior:
    alpha: float
    beta: float
    fitted: bool  # False: too few outlets with settled stories, the uniform prior stands in

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)


UNIFORM = Prior(1.0, 1.0, False)


def fit_prior(materialised: np.ndarray, settled: np.ndarray) -> Prior:
    """The Beta prior that makes all outlets' counts likeliest under a beta-binomial model."""
    from scipy.optimize import minimize
    from scipy.stats import betabinom

    k = np.asarray(materialised, dtype=float)
    n = np.asarray(settled, dtype=float)
    usable = n > 0
    k, n = k[usable], n[usable]
    if len(n) < MIN_PRIOR_OUTLETS:
        return UNIFORM
    if k.sum() == 0 or k.sum() == n.sum():
        # every settled story failed (or every one came true): the likeliest prior is a point at 0 (or
        # 1), which would make one story's outlet certain; the counts cannot say how outlets differ
        return UNIFORM
    pooled = (k.sum() + 0.5) / (n.sum() + 1.0)
    low, high = np.log(CONCENTRATION_BOUNDS[0]), np.log(CONCENTRATION_BOUNDS[1])

    def negative_log_likelihood(x: np.ndarray) -> float:
        mean, concentration = 1 / (1 + np.exp(-x[0])), np.exp(x[1])
        return -float(betabinom.logpmf(k, n, mean * concentration, (1 - mean) * concentration).sum())

    start = np.array([np.log(pooled / (1 - pooled)), np.log(20.0)])
    found = minimize(negative_log_likelihood, start, method="L-BFGS-B", bounds=[(-9.0, 9.0), (low, high)])
    mean, concentration = 1 / (1 + np.exp(-found.x[0])), float(np.exp(found.x[1]))
    return Prior(float(mean * concentration), float((1 - mean) * concentration), True)


def posterior(counts: pd.DataFrame, prior: Prior, level: float) -> pd.DataFrame:
    """Adds hit_rate (posterior mean), hit_rate_low / hit_rate_high (the central `level` credible
    interval), raw_hit_rate (unsmoothed; null without a settled story) and the prior used."""
    from scipy.stats import beta as beta_dist

    hits = counts["settled_materialised"].to_numpy(dtype=float)
    misses = (counts["settled_stories"] - counts["settled_materialised"]).to_numpy(dtype=float)
    a, b = prior.alpha + hits, prior.beta + misses
    tail = (1 - level) / 2
    settled = counts["settled_stories"]
    return counts.assign(
        hit_rate=a / (a + b),
        hit_rate_low=beta_dist.ppf(tail, a, b),
        hit_rate_high=beta_dist.ppf(1 - tail, a, b),
        raw_hit_rate=(counts["settled_materialised"] / settled.where(settled > 0)).astype(float),
        prior_alpha=prior.alpha,
        prior_beta=prior.beta,
    )


def smoothed(counts: pd.DataFrame, level: float) -> pd.DataFrame:
    """posterior() of every outlet of `counts`, each pool's outlets (column `pool`, when present)
    under a prior fitted to that pool's outlets alone, with `evidence`: how much a story by the
    outlet shifts the odds of a move, log odds of its hit rate against its pool's typical outlet's
    (0 for an outlet nothing is known of), and whether the prior was fitted."""
    parts = []
    groups = counts.groupby("pool", sort=True) if "pool" in counts else [("", counts)]
    for _, pool in groups:
        prior = fit_prior(pool["settled_materialised"].to_numpy(), pool["settled_stories"].to_numpy())
        part = posterior(pool, prior, level)
        part["evidence"] = _logit(part["hit_rate"]) - _logit(pd.Series(prior.mean, index=part.index))
        part["prior_fitted"] = prior.fitted
        parts.append(part)
    return pd.concat(parts) if parts else counts.assign(hit_rate=np.nan, evidence=np.nan)


def by_day(counts: pd.DataFrame, level: float) -> pd.DataFrame:
    """Reliability of every outlet on every day of `counts` (outlet_counts.sql): smoothed() with
    the priors fitted afresh each day from that day's counts alone."""
    parts = [smoothed(day, level) for _, day in counts.groupby("on_date", sort=True)]
    if not parts:
        return counts.assign(hit_rate=np.nan, evidence=np.nan)
    return pd.concat(parts, ignore_index=True)


def _logit(p: pd.Series) -> pd.Series:
    p = p.clip(1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))
