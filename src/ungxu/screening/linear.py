"""Multinomial logistic regression fitted on factorized features (training only).

The features of a syllable depend on that syllable alone (`features.py`), so the text × feature
matrix is a product: X = diag(r) · [S·F | B], where S counts the syllables of each text, F lists
the char-n-gram and unigram features of each distinct syllable, B counts the bigram features of
each text and r is the length scale. A corpus of 25,000 comments has a few thousand distinct
syllables, so S and F together hold about a tenth of the non-zeros of X; computing the loss and
gradient through the factors (scipy sparse products, L-BFGS) is several times faster than giving
the expanded X to a generic solver, with the same optimum.

Objective: class-weighted mean cross-entropy + λ/2 · ‖W‖² (intercepts not penalised).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.optimize import minimize

from ungxu.screening.features import (
    FeatureConfig,
    NormalizedLike,
    bigram_features,
    syllable_features,
    syllables,
)

Array = npt.NDArray[np.float64]


@dataclass
class Design:
    """The factors of the design matrix and the names of its columns."""

    s: Any  # csr (n_texts × n_syllables), counts
    f: Any  # csr (n_syllables × n_syllable_features), counts
    b: Any  # csr (n_texts × n_bigram_features), counts
    scale: Array  # (n_texts,)
    syllable_feature_names: list[str]
    bigram_feature_names: list[str]

    @property
    def names(self) -> list[str]:
        return self.syllable_feature_names + self.bigram_feature_names

    def rows(self, index: npt.NDArray[np.intp]) -> Design:
        return Design(
            self.s[index],
            self.f,
            self.b[index],
            self.scale[index],
            self.syllable_feature_names,
            self.bigram_feature_names,
        )


def _csr(rows: Sequence[int], cols: Sequence[int], shape: tuple[int, int]) -> Any:
    data = np.ones(len(rows), dtype=np.float64)
    matrix = sparse.coo_matrix(
        (data, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))), shape=shape
    ).tocsr()
    matrix.sum_duplicates()
    return matrix


def build_design(docs: Sequence[NormalizedLike], config: FeatureConfig, min_count: int) -> Design:
    """Factors for `docs`; feature columns seen fewer than `min_count` times are dropped."""
    syllable_ids: dict[str, int] = {}
    folded_of: list[str] = []
    bigram_ids: dict[str, int] = {}
    s_rows: list[int] = []
    s_cols: list[int] = []
    b_rows: list[int] = []
    b_cols: list[int] = []
    scale = np.empty(len(docs), dtype=np.float64)
    for i, doc in enumerate(docs):
        sylls = syllables(doc)
        scale[i] = config.scale(len(sylls))
        for _, _, a, f in sylls:
            sid = syllable_ids.get(a)
            if sid is None:
                sid = syllable_ids[a] = len(folded_of)
                folded_of.append(f)
            s_rows.append(i)
            s_cols.append(sid)
        if config.syllable_bigrams:
            for (_, _, a1, f1), (_, _, a2, f2) in itertools.pairwise(sylls):
                for feat in bigram_features(a1, f1, a2, f2, config):
                    col = bigram_ids.setdefault(feat, len(bigram_ids))
                    b_rows.append(i)
                    b_cols.append(col)
    n = len(docs)
    s = _csr(s_rows, s_cols, (n, len(folded_of)))
    b = _csr(b_rows, b_cols, (n, len(bigram_ids)))

    feature_ids: dict[str, int] = {}
    f_rows: list[int] = []
    f_cols: list[int] = []
    for sid, accented in enumerate(syllable_ids):
        for feat in syllable_features(accented, folded_of[sid], config):
            f_rows.append(sid)
            f_cols.append(feature_ids.setdefault(feat, len(feature_ids)))
    f = _csr(f_rows, f_cols, (len(folded_of), len(feature_ids)))

    # Keep features that occur at least `min_count` times in the corpus.
    syllable_counts = np.asarray(s.sum(axis=0)).ravel()
    keep_f = np.asarray(f.T @ syllable_counts).ravel() >= min_count
    keep_b = np.asarray(b.sum(axis=0)).ravel() >= min_count
    f_names = [name for name, k in zip(feature_ids, keep_f, strict=True) if k]
    b_names = [name for name, k in zip(bigram_ids, keep_b, strict=True) if k]
    return Design(
        s=s,
        f=f[:, np.flatnonzero(keep_f)].tocsr(),
        b=b[:, np.flatnonzero(keep_b)].tocsr(),
        scale=scale,
        syllable_feature_names=f_names,
        bigram_feature_names=b_names,
    )


@dataclass
class Fitted:
    weights: Array  # (n_features, n_labels): syllable features, then bigram features
    intercepts: Array  # (n_labels,)
    iterations: int


def decision(design: Design, weights: Array, intercepts: Array) -> Array:
    """Logits (n_texts × n_labels)."""
    n_f = design.f.shape[1]
    wf, wb = weights[:n_f], weights[n_f:]
    z = design.s @ (design.f @ wf) + design.b @ wb
    out: Array = z * design.scale[:, None] + intercepts
    return out


def fit(
    design: Design,
    y: npt.NDArray[np.intp],
    n_labels: int,
    *,
    l2: float,
    sample_weight: Array,
    max_iter: int = 300,
    start: Fitted | None = None,
) -> Fitted:
    """Minimise the regularised, weighted cross-entropy with L-BFGS."""
    n, n_f, n_b = design.s.shape[0], design.f.shape[1], design.b.shape[1]
    k = n_labels
    n_w = (n_f + n_b) * k
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    w_norm = sample_weight / sample_weight.sum()
    st = design.s.T.tocsr()
    ft = design.f.T.tocsr()
    bt = design.b.T.tocsr()

    def loss_grad(theta: Array) -> tuple[float, Array]:
        w = theta[:n_w].reshape(n_f + n_b, k)
        b0 = theta[n_w:]
        z = decision(design, w, b0)
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1))
        log_p = z - log_norm[:, None]
        loss = float(-(w_norm * (log_p * onehot).sum(axis=1)).sum()) + 0.5 * l2 * float(
            (w * w).sum()
        )
        g = (np.exp(log_p) - onehot) * w_norm[:, None]  # d loss / d z
        gs = g * design.scale[:, None]
        grad_f = ft @ (st @ gs)
        grad_b = bt @ gs
        grad_w = np.vstack([grad_f, grad_b]) + l2 * w
        return loss, np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    theta0 = np.zeros(n_w + k)
    if start is not None:
        theta0[:n_w] = start.weights.ravel()
        theta0[n_w:] = start.intercepts
    result = minimize(
        loss_grad,
        theta0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter, "gtol": 1e-6, "ftol": 1e-7},
    )
    theta = result.x
    return Fitted(
        weights=theta[:n_w].reshape(n_f + n_b, k),
        intercepts=theta[n_w:],
        iterations=int(result.nit),
    )
