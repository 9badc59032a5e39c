"""Follow-up tables: consultations, lots, contracts, people, monthly sheets, exits, import log

Revision ID: 0001
Revises: (none, first revision)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("consultation",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("reference", sa.String(length=80), nullable=False),
    sa.Column("objet", sa.Text(), nullable=False),
    sa.Column("acheteur", sa.Text(), nullable=False),
    sa.Column("operation", sa.Text(), nullable=False),
    sa.Column("date_lancement", sa.Date(), nullable=False),
    sa.Column("facilitateur", sa.Text(), nullable=False),
    sa.Column("facilitateur_contact", sa.Text(), nullable=False),
    sa.Column("penalite_centimes", sa.Integer(), nullable=True),
    sa.Column("heures_par_etp", sa.Integer(), nullable=False),
    sa.Column("publics", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("reference")
    )
    op.create_table("import_journal",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("fichier", sa.Text(), nullable=False),
    sa.Column("empreinte", sa.String(length=64), nullable=False),
    sa.Column("date", sa.DateTime(), nullable=False),
    sa.Column("nature", sa.String(length=20), nullable=False),
    sa.Column("contrat_code", sa.String(length=100), nullable=True),
    sa.Column("mois", sa.Date(), nullable=True),
    sa.Column("lignes", sa.Integer(), nullable=False),
    sa.Column("heures", sa.Integer(), nullable=False),
    sa.Column("remplace", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("personne",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=24), nullable=False),
    sa.Column("public", sa.String(length=60), nullable=False),
    sa.Column("sexe", sa.String(length=1), nullable=True),
    sa.Column("annee_naissance", sa.Integer(), nullable=True),
    sa.Column("tranche_age", sa.String(length=20), nullable=True),
    sa.Column("qpv", sa.Boolean(), nullable=True),
    sa.Column("niveau_qualification", sa.String(length=20), nullable=True),
    sa.Column("prescripteur", sa.String(length=40), nullable=True),
    sa.Column("eligibilite_validee_le", sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code")
    )
    op.create_table("lot",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("consultation_id", sa.Integer(), nullable=False),
    sa.Column("numero", sa.Integer(), nullable=True),
    sa.Column("designation", sa.String(length=40), nullable=False),
    sa.Column("intitule", sa.Text(), nullable=False),
    sa.Column("mecanisme", sa.String(length=40), nullable=False),
    sa.Column("heures_requises", sa.Integer(), nullable=False),
    sa.Column("montant_centimes", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("consultation_id", "designation")
    )
    op.create_table("contrat",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("lot_id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=100), nullable=False),
    sa.Column("titulaire", sa.Text(), nullable=False),
    sa.Column("siret", sa.String(length=14), nullable=True),
    sa.Column("notification", sa.Date(), nullable=False),
    sa.Column("debut", sa.Date(), nullable=False),
    sa.Column("fin_prevue", sa.Date(), nullable=False),
    sa.Column("reception", sa.Date(), nullable=True),
    sa.Column("montant_centimes", sa.Integer(), nullable=False),
    sa.Column("purge_le", sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(["lot_id"], ["lot.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code"),
    sa.UniqueConstraint("lot_id")
    )
    op.create_table("agregat_purge",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contrat_id", sa.Integer(), nullable=False),
    sa.Column("dimension", sa.String(length=40), nullable=False),
    sa.Column("cle", sa.String(length=60), nullable=False),
    sa.Column("personnes", sa.Integer(), nullable=False),
    sa.Column("heures", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["contrat_id"], ["contrat.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("contrat_id", "dimension", "cle")
    )
    op.create_table("avenant",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contrat_id", sa.Integer(), nullable=False),
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("heures_requises", sa.Integer(), nullable=False),
    sa.Column("motif", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["contrat_id"], ["contrat.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("fiche",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contrat_id", sa.Integer(), nullable=False),
    sa.Column("mois", sa.Date(), nullable=False),
    sa.Column("heures", sa.Integer(), nullable=False),
    sa.Column("personnes", sa.Integer(), nullable=False),
    sa.Column("import_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["contrat_id"], ["contrat.id"], ),
    sa.ForeignKeyConstraint(["import_id"], ["import_journal.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("contrat_id", "mois")
    )
    op.create_table("sortie",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contrat_id", sa.Integer(), nullable=False),
    sa.Column("personne_id", sa.Integer(), nullable=False),
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("categorie", sa.String(length=40), nullable=False),
    sa.Column("precision", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["contrat_id"], ["contrat.id"], ),
    sa.ForeignKeyConstraint(["personne_id"], ["personne.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("contrat_id", "personne_id")
    )
    op.create_table("ligne",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("fiche_id", sa.Integer(), nullable=False),
    sa.Column("personne_id", sa.Integer(), nullable=False),
    sa.Column("modalite", sa.String(length=40), nullable=False),
    sa.Column("type_contrat", sa.String(length=40), nullable=False),
    sa.Column("poste", sa.Text(), nullable=False),
    sa.Column("heures", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["fiche_id"], ["fiche.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["personne_id"], ["personne.id"], ),
    sa.PrimaryKeyConstraint("id")
    )


def downgrade() -> None:
    op.drop_table("ligne")
    op.drop_table("sortie")
    op.drop_table("fiche")
    op.drop_table("avenant")
    op.drop_table("agregat_purge")
    op.drop_table("contrat")
    op.drop_table("lot")
    op.drop_table("personne")
    op.drop_table("import_journal")
    op.drop_table("consultation")
