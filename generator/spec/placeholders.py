"""The values « clauses nouveau » writes when an answer is missing, and how to recognise them.

They are visibly to be replaced; the review flags any that remain (CS403), so that no
document goes out saying « Nom de l'acheteur (à compléter) ».
"""

from __future__ import annotations

MARK = "(à compléter)"
EMAIL_DOMAIN = "a-completer.fr"

TO_FILL = {
    "objet": f"Objet de la consultation {MARK}",
    "acheteur": f"Nom de l'acheteur {MARK}",
    "structure": f"Structure du facilitateur {MARK}",
    "adresse": f"Adresse du facilitateur {MARK}",
    "telephone": f"Téléphone du facilitateur {MARK}",
    "courriel": f"facilitateur@{EMAIL_DOMAIN}",
}


def is_placeholder(text: str) -> bool:
    """True for a value still holding the mark « (à compléter) » or the placeholder e-mail address."""
    return MARK in text or text.lower().endswith("@" + EMAIL_DOMAIN)
