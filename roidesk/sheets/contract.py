"""The workspace workbook contract (SPEC "The workspace workbook"): sheets, columns, aliases."""

from __future__ import annotations

from roidesk.core.records import (
    RESULT_SOURCES,
    VALUED_METRICS,
    CampaignStatus,
    ContentType,
    CostCategory,
    Objective,
    OtherReturnKind,
    Repeat,
)
from roidesk.core.valuations import APPLIES_TO

SETTINGS = "Settings"
CLIENTS = "Clients"
CAMPAIGNS = "Campaigns"
GOALS = "Goals"
COSTS = "Costs"
RESULTS = "Results"
VALUATIONS = "Valuations"
OTHER_RETURNS = "Other returns"

#: Sheet → its columns, in contract order. Columns added later are optional on import (a
#: workbook without them imports as before: ``OPTIONAL_COLUMNS`` says what empty means).
COLUMNS: dict[str, tuple[str, ...]] = {
    SETTINGS: ("Setting", "Value"),
    CLIENTS: ("Name", "Notes"),
    CAMPAIGNS: (
        "Name",
        "Client",
        "Platforms",
        "Objective",
        "Start date",
        "End date",
        "Budget",
        "Status",
        "Notes",
    ),
    GOALS: ("Campaign", "KPI", "Baseline", "Target", "Deadline"),
    COSTS: (
        "Date",
        "End date",
        "Repeat",
        "Until",
        "Campaign",
        "Platform",
        "Category",
        "Description",
        "Amount",
        "Hours",
        "Hourly rate",
    ),
    RESULTS: (
        "Date",
        "Campaign",
        "Platform",
        "Source",
        "Content type",
        "Content",
        "Impressions",
        "Reach",
        "Engagements",
        "Followers gained",
        "Link clicks",
        "Sessions",
        "Leads",
        "Conversions",
        "New customers",
        "Revenue",
    ),
    VALUATIONS: (
        "Metric",
        "Platform",
        "Valid from",
        "Value per unit",
        "Low",
        "High",
        "Applies to",
        "Note",
    ),
    OTHER_RETURNS: ("Date", "Campaign", "Platform", "Kind", "Amount", "Description"),
}

#: Columns added after the first contract: a workbook without them imports as before.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    RESULTS: ("Source", "Content"),  # empty: organic; no post or ad named
    VALUATIONS: ("Low", "High", "Applies to"),  # empty: the value; the metric's default
    OTHER_RETURNS: ("Kind",),  # empty: other
}

#: Settings sheet rows: label → Settings field.
SETTING_ROWS: dict[str, str] = {
    "Business name": "business_name",
    "Currency": "currency",
    "Gross margin": "gross_margin",
    "Average order value": "average_order_value",
    "Purchases per year": "purchases_per_year",
    "Years retained": "years_retained",
    "Lifetime value": "lifetime_value",
}

#: Result column header → Result field (the count metrics and revenue).
RESULT_FIELDS: dict[str, str] = {
    "Impressions": "impressions",
    "Reach": "reach",
    "Engagements": "engagements",
    "Followers gained": "followers_gained",
    "Link clicks": "link_clicks",
    "Sessions": "sessions",
    "Leads": "leads",
    "Conversions": "conversions",
    "New customers": "new_customers",
}

#: Human labels of the choices a cell may hold (what the template's drop-downs offer).
CATEGORY_LABELS: dict[CostCategory, str] = {
    CostCategory.ADVERTISING: "Advertising",
    CostCategory.CONTENT: "Content creation",
    CostCategory.STAFF: "Staff time",
    CostCategory.AGENCY: "Agency/freelancer fees",
    CostCategory.TOOLS: "Tools & subscriptions",
    CostCategory.INFLUENCERS: "Influencers",
    CostCategory.OTHER: "Other",
}

METRIC_LABELS: dict[str, str] = {
    "impressions": "Impressions",
    "engagements": "Engagements",
    "followers_gained": "Followers gained",
    "link_clicks": "Link clicks",
    "sessions": "Sessions",
    "leads": "Leads",
    "conversions": "Conversions",
    "new_customers": "New customers",
}
assert set(METRIC_LABELS) == set(VALUED_METRICS)

#: An other return's kind as the workbook writes it (its enum value, first letter capital).
KIND_LABELS: dict[OtherReturnKind, str] = {
    kind: kind.value[:1].upper() + kind.value[1:] for kind in OtherReturnKind
}


def kind_label(kind: str | None) -> str | None:
    """An other return's stored kind as the workbook writes it (blank: not given, other)."""
    if kind is None:
        return None
    try:
        return KIND_LABELS[OtherReturnKind(kind)]
    except ValueError:
        return kind


CHOICES: dict[str, list[str]] = {
    "Repeat": [r.value for r in Repeat],
    "Category": list(CATEGORY_LABELS.values()),
    "Objective": [o.value for o in Objective],
    "Status": [s.value for s in CampaignStatus],
    "Content type": [c.value for c in ContentType],
    "Metric": list(METRIC_LABELS.values()),
    "Kind": list(KIND_LABELS.values()),
    "Source": list(RESULT_SOURCES),
    "Applies to": list(APPLIES_TO),
}

#: Translated sheet names and headers accepted on import (German, Hungarian, Dutch, Polish,
#: Norwegian), matched case-insensitively.
ALIASES: dict[str, tuple[str, ...]] = {
    SETTINGS: ("Einstellungen", "Beállítások", "Instellingen", "Ustawienia", "Innstillinger"),
    CLIENTS: ("Kunden", "Ügyfelek", "Klanten", "Klienci", "Kunder"),
    CAMPAIGNS: ("Kampagnen", "Kampányok", "Campagnes", "Kampanie", "Kampanjer"),
    GOALS: ("Ziele", "Célok", "Doelen", "Cele", "Mål"),
    COSTS: ("Kosten", "Költségek", "Koszty", "Kostnader"),
    RESULTS: ("Ergebnisse", "Eredmények", "Resultaten", "Wyniki", "Resultater"),
    VALUATIONS: ("Bewertungen", "Értékelések", "Waarderingen", "Wyceny", "Verdsettelser"),
    OTHER_RETURNS: (
        "Sonstige Erträge",
        "Egyéb hozamok",
        "Overige opbrengsten",
        "Inne zwroty",
        "Andre inntekter",
    ),
    "Name": ("Név", "Naam", "Nazwa", "Navn"),
    "Notes": ("Notizen", "Megjegyzés", "Notities", "Uwagi", "Notater"),
    "Client": ("Kunde", "Ügyfél", "Klant", "Klient", "Kunde"),
    "Campaign": ("Kampagne", "Kampány", "Campagne", "Kampania", "Kampanje"),
    "Platform": ("Plattform", "Platform", "Platforma"),
    "Platforms": ("Plattformen", "Platformok", "Platforms", "Platformy", "Plattformer"),
    "Date": ("Datum", "Dátum", "Data", "Dato"),
    "Start date": ("Startdatum", "Kezdő dátum", "Data rozpoczęcia", "Startdato"),
    "End date": ("Enddatum", "Záró dátum", "Einddatum", "Data zakończenia", "Sluttdato"),
    "Amount": ("Betrag", "Összeg", "Bedrag", "Kwota", "Beløp"),
    "Category": ("Kategorie", "Kategória", "Categorie", "Kategoria", "Kategori"),
    "Description": ("Beschreibung", "Leírás", "Omschrijving", "Opis", "Beskrivelse"),
    "Hours": ("Stunden", "Órák", "Uren", "Godziny", "Timer"),
    "Hourly rate": ("Stundensatz", "Óradíj", "Uurtarief", "Stawka godzinowa", "Timepris"),
    "Revenue": ("Umsatz", "Bevétel", "Omzet", "Przychód", "Inntekt"),
    "Impressions": ("Impressionen", "Megjelenések", "Impressies", "Wyświetlenia", "Visninger"),
    "Reach": ("Reichweite", "Elérés", "Bereik", "Zasięg", "Rekkevidde"),
    "Leads": ("Érdeklődők", "Leady"),
    "Budget": ("Költségkeret", "Budżet", "Budsjett"),
    "Kind": ("Art", "Fajta", "Soort", "Rodzaj", "Type"),
    "Source": ("Quelle", "Forrás", "Bron", "Źródło", "Kilde"),
    "Content": ("Inhalt", "Tartalom", "Inhoud", "Treść", "Innhold"),
}


def canonical_name(text: object, candidates: tuple[str, ...] | list[str]) -> str | None:
    """The contract name among ``candidates`` that ``text`` spells (or translates), if any."""
    if not isinstance(text, str):
        return None
    wanted = " ".join(text.split()).casefold()
    for name in candidates:
        if wanted == name.casefold():
            return name
    for name in candidates:
        if any(wanted == alias.casefold() for alias in ALIASES.get(name, ())):
            return name
    return None
