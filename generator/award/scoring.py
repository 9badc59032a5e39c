"""The marks on the insertion criterion, and the ranking they give.

criterion mark = ponderation × Σ(weight_i × mark_i ÷ scale max) ÷ 100

Σ(weight_i × mark_i) is exact in Decimal (weights are decimals, marks integers); the
single division comes last, so nothing is rounded before summing. Bidders are
ranked on that exact sum: equal sums share a rank (1, 1, 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.award.checks import GradedBidder, GradedLot
from generator.resolve.model import Criterion, ResolvedLot


@dataclass(frozen=True)
class SubScore:
    key: str
    libelle: str
    poids: Decimal
    note: int
    ponderee: Decimal  # weight × mark ÷ scale max: points out of the sub-criterion's weight
    justification: str


@dataclass(frozen=True)
class BidderScore:
    nom: str
    notes: list[SubScore]
    sur_100: Decimal  # Σ weighted marks, out of 100
    note: Decimal  # the criterion mark, out of the criterion's weight
    rang: int
    ex_aequo: bool


@dataclass(frozen=True)
class Tie:
    rang: int
    noms: list[str]
    note: Decimal


@dataclass(frozen=True)
class LotScore:
    lot: ResolvedLot
    designation: str
    critere: Criterion
    classement: list[BidderScore]
    egalites: list[Tie]


def score_lot(graded: GradedLot) -> LotScore:
    """Marks, ranks and ties of one lot's bidders, best first (ties by name)."""
    criterion = graded.lot.critere
    assert criterion is not None  # only scored lots are graded
    exact = {bidder.name: _exact_sum(bidder, criterion) for bidder in graded.bidders}
    ranks = {name: 1 + sum(1 for other in exact.values() if other > total) for name, total in exact.items()}
    shared = {rank for rank in ranks.values() if list(ranks.values()).count(rank) > 1}
    scores = [_bidder_score(bidder, criterion, exact[bidder.name], ranks[bidder.name], ranks[bidder.name] in shared)
              for bidder in graded.bidders]
    scores.sort(key=lambda score: (score.rang, score.nom.casefold()))
    ties = [_tie(rank, [score for score in scores if score.rang == rank]) for rank in sorted(shared)]
    return LotScore(graded.lot, graded.label, criterion, scores, ties)


def _tie(rank: int, tied: list[BidderScore]) -> Tie:
    return Tie(rank, [score.nom for score in tied], tied[0].note)


def criterion_mark(criterion: Criterion, exact_sum: Decimal) -> Decimal:
    """ponderation × Σ(weight × mark) ÷ (scale max × 100): the one division, done last."""
    return criterion.ponderation * exact_sum / (criterion.note_max * 100)


def _exact_sum(bidder: GradedBidder, criterion: Criterion) -> Decimal:
    """Σ(weight_i × mark_i): exact, no division yet."""
    return sum((sub.poids * bidder.marks[sub.key][0] for sub in criterion.sous_criteres), Decimal(0))


def _bidder_score(bidder: GradedBidder, criterion: Criterion, exact_sum: Decimal, rank: int, tied: bool) -> BidderScore:
    notes = [
        SubScore(sub.key, sub.libelle, sub.poids, bidder.marks[sub.key][0],
                 sub.poids * bidder.marks[sub.key][0] / criterion.note_max, bidder.marks[sub.key][1])
        for sub in criterion.sous_criteres
    ]
    return BidderScore(bidder.name, notes, exact_sum / criterion.note_max, criterion_mark(criterion, exact_sum), rank, tied)
