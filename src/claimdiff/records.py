"""Small, frozen records passed between the stages. No tensors, only Python values.

Offsets are half-open character offsets into the document text: ``doc.text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "indirect", "according_to", "narrator"]
Polarity = Literal["asserts", "denies"]
Label = Literal["contradiction", "agreement", "unrelated"]

KINDS: tuple[str, ...] = ("direct", "indirect", "according_to", "narrator")
POLARITIES: tuple[str, ...] = ("asserts", "denies")


@dataclass(frozen=True)
class Span:
    """A half-open ``[start, end)`` slice of a document's text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Document:
    """One input text. ``meta`` carries whatever the user gave (outlet, date, url, ...)."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    """An attributed statement (or the narrator's own assertion) found in a document.

    ``actor`` is an id from the :class:`~claimdiff.actors.ActorRegistry` or ``None`` when the speaker could
    not be resolved; ``side`` follows from the actor (``"narrator"`` for the journalist's own voice).
    ``refers_to`` is set when the statement's own content only points back ("rejected that claim") and the
    content was taken from the statement with that id; ``pointer`` then holds its own words ("These accusations are
    a fabrication"). ``claim_id`` names the :class:`Claim` (the same
    statement of the same actor across documents) it belongs to, once claims are grouped.
    """

    id: str
    doc_id: str
    kind: Kind
    content: Span
    speaker: Span | None = None
    cue: Span | None = None
    polarity: Polarity = "asserts"
    hedged: bool = False
    actor: str | None = None
    side: str | None = None
    confidence: float = 1.0
    refers_to: str | None = None
    claim_id: str | None = None
    pointer: Span | None = None

    def __repr__(self) -> str:  # the spans in full are long; the id, who, how and the start of what
        return (f"Statement({self.id!r}, {self.actor or self.speaker and self.speaker.text!r}, {self.side!r}, "
                f"{self.polarity}, {_clip(self.content.text)!r})")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@dataclass(frozen=True)
class Claim:
    """Near-identical statements of one actor, with one polarity, across documents (wire copies, follow-ups).

    ``text`` is the first statement's content; ``sources`` are the outlets of its documents (from
    ``Document.meta["outlet"]``) and ``first_seen`` the earliest ``meta["date"]``, when given.
    """

    id: str
    actor: str | None
    side: str | None
    polarity: Polarity
    text: str
    statements: tuple[str, ...]
    documents: tuple[str, ...]
    sources: tuple[str, ...] = ()
    first_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CandidatePair:
    """Two statements of opposing sides that share a topic; ``signals`` says why they were kept.

    ``similarity`` is the cosine of the two contents' sentence embeddings (``pair_score`` adds the signals'
    bonus to it).
    """

    a: Statement
    b: Statement
    pair_score: float
    signals: tuple[str, ...] = ()
    similarity: float | None = None


@dataclass(frozen=True)
class Verdict:
    """The judgement on one candidate pair. ``p_*_ab`` reads a as premise and b as hypothesis; ``a_reading`` and
    ``b_reading`` are what the models read of each statement (:meth:`claimdiff.actors.ActorRegistry.reading`:
    "its troops" as "Azerbaijan's troops", a denial's content as the claim it denies), ``None`` where not kept."""

    pair: CandidatePair
    label: Label
    score: float
    reason: str
    p_contradiction_ab: float
    p_contradiction_ba: float
    p_entailment_ab: float
    p_entailment_ba: float
    p_neutral_ab: float
    p_neutral_ba: float
    a_reading: str | None = None
    b_reading: str | None = None

    @property
    def readings(self) -> tuple[str, str]:
        """What the models read of a and of b: the readings kept, else the contents as written."""
        return self.a_reading or self.pair.a.content.text, self.b_reading or self.pair.b.content.text

    @property
    def read_as_written(self) -> bool:
        """Whether the models read both contents as written (reports then show no reading)."""
        return self.readings == (self.pair.a.content.text, self.pair.b.content.text)

    def __repr__(self) -> str:  # the pair's two statements in full made it ~1,200 characters
        a, b = self.pair.a, self.pair.b
        return (f"Verdict({a.id!r} {a.actor} x {b.id!r} {b.actor}: {self.label} ({self.reason}, {self.score}); "
                f"{_clip(a.content.text, 40)!r} / {_clip(b.content.text, 40)!r})")

    def to_dict(self) -> dict[str, Any]:
        row = {k: v for k, v in asdict(self).items() if k != "pair"}
        row.update(a=self.pair.a.id, b=self.pair.b.id, pair_score=self.pair.pair_score,
                   signals=list(self.pair.signals))
        return row


@dataclass(frozen=True)
class DocumentError:
    """A document (or input line) that could not be analysed, kept so that nothing is silently dropped."""

    doc_id: str | None
    error: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


StanceLabel = Literal["supports", "opposes", "neutral"]
STANCES: tuple[str, ...] = ("supports", "opposes", "neutral")


@dataclass(frozen=True)
class Proposition:
    """A claim the sides dispute, scored as an NLI hypothesis against each statement's content.

    ``paraphrases`` are further hypothesis wordings of the same claim; the wording the model reads most
    decisively gives the stance (news rarely words a claim the way a pack does).
    """

    id: str
    text: str
    paraphrases: tuple[str, ...] = ()

    @property
    def hypotheses(self) -> tuple[str, ...]:
        """The text, then the paraphrases, without repeats."""
        return tuple(dict.fromkeys((self.text, *self.paraphrases)))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "paraphrases": list(self.paraphrases)}


@dataclass(frozen=True)
class Question:
    """A contested question ("who started the fighting") and the propositions that answer it.

    ``exclusive`` questions have alternative answers ("Azerbaijan attacked Armenia" / "Armenia attacked
    Azerbaijan"): a statement that clearly supports one of them opposes the others.
    """

    id: str
    text: str
    propositions: tuple[Proposition, ...]
    exclusive: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "propositions": [p.to_dict() for p in self.propositions],
                "exclusive": self.exclusive}


@dataclass(frozen=True)
class Stance:
    """Where one statement stands on one proposition, after the speaker's polarity is applied.

    ``p_entailment`` and ``p_contradiction`` read the statement's content as premise and ``hypothesis`` (the
    proposition wording that decided) as hypothesis, before polarity; ``score`` is the one behind ``stance``.
    A statement that denies content entailing the proposition opposes it, and the other way round.
    ``implied_by`` names the alternative of an exclusive question whose support implies this opposition.
    ``agreement`` is the share of the proposition's wordings that read the statement the same way (a stance
    needs at least half of them: one paraphrase alone is not enough).
    """

    statement_id: str
    question_id: str
    proposition_id: str
    stance: StanceLabel
    score: float
    p_entailment: float
    p_contradiction: float
    hypothesis: str
    polarity: Polarity = "asserts"
    relevance: float = 0.0
    implied_by: str | None = None
    agreement: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Counterclaim:
    """Two statements of opposing sides on opposite stances of the same proposition.

    ``a`` comes first in input order; ``score`` is the weaker of the two stance scores; ``confidence`` the
    weaker of the two stances' score × agreement across the proposition's wordings.
    """

    question_id: str
    proposition_id: str
    a: Statement
    b: Statement
    stance_a: StanceLabel
    stance_b: StanceLabel
    score_a: float
    score_b: float
    score: float
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        row = {k: v for k, v in asdict(self).items() if k not in ("a", "b")}
        row.update(a=self.a.id, b=self.b.id)
        return row
