"""The tables of the follow-up database (SQLAlchemy 2 ORM); migrations/ creates them.

Hours are whole numbers and amounts are in cents: both are integers on every database,
so sums are exact on SQLite and PostgreSQL alike. People appear under a pseudonymous
code only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Base of the follow-up tables."""


class Consultation(Base):
    """A consultation as registered from its spec (a snapshot: the spec file may move)."""

    __tablename__ = "consultation"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(80), unique=True)
    objet: Mapped[str] = mapped_column(Text)
    acheteur: Mapped[str] = mapped_column(Text)
    operation: Mapped[str] = mapped_column(Text)
    date_lancement: Mapped[dt.date] = mapped_column(Date)
    facilitateur: Mapped[str] = mapped_column(Text)
    facilitateur_contact: Mapped[str] = mapped_column(Text)
    penalite_centimes: Mapped[int | None] = mapped_column(Integer)
    heures_par_etp: Mapped[int] = mapped_column(Integer)
    publics: Mapped[str] = mapped_column(Text)  # the spec's public keys, separated by spaces
    lots: Mapped[list[Lot]] = relationship(back_populates="consultation", order_by="Lot.id")


class Lot(Base):
    """A lot with insertion hours; without a contract it is still in consultation."""

    __tablename__ = "lot"
    __table_args__ = (UniqueConstraint("consultation_id", "designation"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"))
    numero: Mapped[int | None] = mapped_column(Integer)
    designation: Mapped[str] = mapped_column(String(40))
    intitule: Mapped[str] = mapped_column(Text)
    mecanisme: Mapped[str] = mapped_column(String(40))
    heures_requises: Mapped[int] = mapped_column(Integer)
    montant_centimes: Mapped[int] = mapped_column(Integer)
    consultation: Mapped[Consultation] = relationship(back_populates="lots")
    contrat: Mapped[Contrat | None] = relationship(back_populates="lot")


class Contrat(Base):
    """The contract awarded for a lot: holder, dates, and its completion once recorded."""

    __tablename__ = "contrat"
    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), unique=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    titulaire: Mapped[str] = mapped_column(Text)
    siret: Mapped[str | None] = mapped_column(String(14))
    notification: Mapped[dt.date] = mapped_column(Date)
    debut: Mapped[dt.date] = mapped_column(Date)
    fin_prevue: Mapped[dt.date] = mapped_column(Date)
    reception: Mapped[dt.date | None] = mapped_column(Date)
    montant_centimes: Mapped[int] = mapped_column(Integer)
    purge_le: Mapped[dt.date | None] = mapped_column(Date)
    lot: Mapped[Lot] = relationship(back_populates="contrat")
    avenants: Mapped[list[Avenant]] = relationship(order_by="Avenant.date, Avenant.id")


class Avenant(Base):
    """An amendment changing the hours required, with its date and reason."""

    __tablename__ = "avenant"
    id: Mapped[int] = mapped_column(primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    heures_requises: Mapped[int] = mapped_column(Integer)
    motif: Mapped[str] = mapped_column(Text)


class Personne(Base):
    """A person followed under a pseudonymous code given by the facilitator (never a name)."""

    __tablename__ = "personne"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    public: Mapped[str] = mapped_column(String(60))
    sexe: Mapped[str | None] = mapped_column(String(1))
    annee_naissance: Mapped[int | None] = mapped_column(Integer)
    tranche_age: Mapped[str | None] = mapped_column(String(20))
    qpv: Mapped[bool | None] = mapped_column(Boolean)
    niveau_qualification: Mapped[str | None] = mapped_column(String(20))
    prescripteur: Mapped[str | None] = mapped_column(String(40))
    eligibilite_validee_le: Mapped[dt.date | None] = mapped_column(Date)


class ImportJournal(Base):
    """One imported file: its hash, when, what it held, and whether it replaced a month."""

    __tablename__ = "import_journal"
    id: Mapped[int] = mapped_column(primary_key=True)
    fichier: Mapped[str] = mapped_column(Text)
    empreinte: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.datetime] = mapped_column(DateTime)
    nature: Mapped[str] = mapped_column(String(20))  # fiche | registre
    contrat_code: Mapped[str | None] = mapped_column(String(100))
    mois: Mapped[dt.date | None] = mapped_column(Date)
    lignes: Mapped[int] = mapped_column(Integer)
    heures: Mapped[int] = mapped_column(Integer)
    remplace: Mapped[bool] = mapped_column(Boolean)


class Fiche(Base):
    """A contract's month as last imported; its totals survive the purge of its lines."""

    __tablename__ = "fiche"
    __table_args__ = (UniqueConstraint("contrat_id", "mois"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id"))
    mois: Mapped[dt.date] = mapped_column(Date)
    heures: Mapped[int] = mapped_column(Integer)
    personnes: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_journal.id"))
    lignes: Mapped[list[Ligne]] = relationship(back_populates="fiche", cascade="all, delete-orphan", passive_deletes=True)


class Ligne(Base):
    """One person's hours in one month of one contract."""

    __tablename__ = "ligne"
    id: Mapped[int] = mapped_column(primary_key=True)
    fiche_id: Mapped[int] = mapped_column(ForeignKey("fiche.id", ondelete="CASCADE"))
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id"))
    modalite: Mapped[str] = mapped_column(String(40))
    type_contrat: Mapped[str] = mapped_column(String(40))
    poste: Mapped[str] = mapped_column(Text)
    heures: Mapped[int] = mapped_column(Integer)
    personne: Mapped[Personne] = relationship()
    fiche: Mapped[Fiche] = relationship(back_populates="lignes")


class Sortie(Base):
    """A person's exit at the end of their time on a contract (IAE reporting categories)."""

    __tablename__ = "sortie"
    __table_args__ = (UniqueConstraint("contrat_id", "personne_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id"))
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    categorie: Mapped[str] = mapped_column(String(40))
    precision: Mapped[str | None] = mapped_column(Text)
    personne: Mapped[Personne] = relationship()


class AgregatPurge(Base):
    """What the bilan needs of a purged contract's people: counts and hours per breakdown."""

    __tablename__ = "agregat_purge"
    __table_args__ = (UniqueConstraint("contrat_id", "dimension", "cle"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id"))
    dimension: Mapped[str] = mapped_column(String(40))
    cle: Mapped[str] = mapped_column(String(60))
    personnes: Mapped[int] = mapped_column(Integer)
    heures: Mapped[int] = mapped_column(Integer)
