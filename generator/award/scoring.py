"""The marks on the insertion criterion, and the ranking they give.

The formula is the one of ``resolve.criterion`` (criterion mark = P × Σ (w × m) ÷ (M × 100)),
evaluated exactly in Decimal: weights are decimals, marks integers, and the single
division comes last, so nothing is rounded before summing. Bidders are ranked on that
exact mark: equal marks share a rank (1, 1, 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.award.checks import GradedBidder, GradedLot
from generator.resolve.criterion import Criterion
from generator.resolve.model import ResolvedLot


@dataclass(frozen=True)
class SubScore:
    key: str
    libelle: str
    poids: Decimal
    note: int
    ponderee: Decimal  # the sub-criterion's share of the criterion mark, on the criterion's scale
    justification: str


@dataclass(frozen=True)
class BidderScore:
    nom: str
    notes: list[SubScore]
    note: Decimal  # the criterion mark, on the criterion's scale (out of its weight)
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
    criterion = graded.lot.critere_note
    exact = {bidder.name: criterion.note_critere(_marks(bidder)) for bidder in graded.bidders}
    ranks = {name: 1 + sum(1 for other in exact.values() if other > total) for name, total in exact.items()}
    shared = {rank for rank in ranks.values() if list(ranks.values()).count(rank) > 1}
    scores = [_bidder_score(bidder, criterion, exact[bidder.name], ranks[bidder.name], ranks[bidder.name] in shared)
              for bidder in graded.bidders]
    scores.sort(key=lambda score: (score.rang, score.nom.casefold()))
    ties = [_tie(rank, [score for score in scores if score.rang == rank]) for rank in sorted(shared)]
    return LotScore(graded.lot, graded.label, criterion, scores, ties)


def _tie(rank: int, tied: list[BidderScore]) -> Tie:
    return Tie(rank, [score.nom for score in tied], tied[0].note)


def _marks(bidder: GradedBidder) -> dict[str, int]:
    return {key: mark for key, (mark, _) in bidder.marks.items()}


def _bidder_score(bidder: GradedBidder, criterion: Criterion, mark: Decimal, rank: int, tied: bool) -> BidderScore:
    notes = [
        SubScore(sub.key, sub.libelle, sub.poids, bidder.marks[sub.key][0],
                 criterion.note_ponderee(sub.poids, bidder.marks[sub.key][0]), bidder.marks[sub.key][1])
        for sub in criterion.sous_criteres
    ]
    return BidderScore(bidder.name, notes, mark, rank, tied)
