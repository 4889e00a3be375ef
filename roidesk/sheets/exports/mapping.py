"""Header names to fields, per platform, in English, German, Hungarian, Dutch, Polish, Norwegian."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from roidesk.core.records import COUNT_METRICS

#: Fields an export column can feed. Result metrics use the names of :class:`Result`.
FIELDS: tuple[str, ...] = ("campaign", "date", "start", "end", "spend", "currency",
                           *COUNT_METRICS, "revenue", "channel", "source_medium",
                           "content", "content_type")  # fmt: skip
NUMBER_FIELDS = frozenset({"spend", *COUNT_METRICS, "revenue"})
DATE_FIELDS = frozenset({"date", "start", "end"})
#: Fields of analytics exports that tell social traffic from the rest (see :mod:`.traffic`).
TRAFFIC_FIELDS = frozenset({"channel", "source_medium"})

#: Normalised header aliases per field, best first (an earlier alias wins over a later one).
ALIASES: dict[str, tuple[str, ...]] = {
    "campaign": (
        "campaign name",
        "campaign",
        "kampagnenname",
        "kampagne",
        "kampány neve",
        "kampány",
        "campagnenaam",
        "campagne",
        "nazwa kampanii",
        "kampania",
        "kampanjenavn",
        "kampanje",
        "session campaign",
        "xyz_campaign_id",
    ),
    "date": (
        "day",
        "date",
        "by day",
        "time",
        "start date (in utc)",
        "tag",
        "datum",
        "nap",
        "dátum",
        "dag",
        "dzień",
        "data",
        "dato",
    ),
    "start": (
        "reporting starts",
        "berichtsstart",
        "jelentés kezdete",
        "rapportage begint",
        "początek raportowania",
        "rapporteringen starter",
    ),
    "end": (
        "reporting ends",
        "berichtsende",
        "jelentés vége",
        "rapportage eindigt",
        "koniec raportowania",
        "rapporteringen slutter",
    ),
    "spend": (
        "amount spent",
        "cost",
        "total spent",
        "spend",
        "spent",
        "ausgegebener betrag",
        "kosten",
        "elköltött összeg",
        "költség",
        "besteed bedrag",
        "wydana kwota",
        "koszt",
        "brukt beløp",
        "kostnad",
    ),
    # the post or ad a row is about: its name, its link, else the caption's first line
    "content": (
        "ad name",
        "anzeigenname",
        "hirdetés neve",
        "advertentienaam",
        "nazwa reklamy",
        "annonsenavn",
        "post permalink",
        "permalink",
        "tweet permalink",
        "post link",
        "caption",
        "post message",
        "tweet text",
    ),
    "content_type": ("post type", "media type", "media product type", "ad format"),
    "channel": (
        "session default channel group",
        "default channel group",
        "session primary channel group",
        "first user default channel group",
        "default channel grouping",
        "channel grouping",
        "channel group",
        "standard-channelgruppe der sitzung",
        "sitzung – standard-channelgruppe",
        "standard-channelgruppe",
        "munkamenet alapértelmezett csatornacsoportja",
        "alapértelmezett csatornacsoport",
        "standaardkanaalgroep van sessie",
        "standaardkanaalgroep",
        "domyślna grupa kanałów sesji",
        "domyślna grupa kanałów",
        "standard kanalgruppe for økt",
        "standard kanalgruppe",
    ),
    "source_medium": (
        "session source / medium",
        "source / medium",
        "first user source / medium",
        "sitzungsquelle/-medium",
        "quelle/medium",
        "munkamenet forrása/médiuma",
        "forrás/médium",
        "sessiebron/-medium",
        "bron/medium",
        "źródło/medium sesji",
        "źródło/medium",
        "øktkilde/-medium",
        "kilde/medium",
    ),
    "currency": ("currency code", "currency", "währung", "pénznem", "valuta", "waluta"),
    "impressions": (
        "impressions",
        "impr.",
        "impressionen",
        "megjelenések",
        "impresszió",
        "vertoningen",
        "weergaven",
        "wyświetlenia",
        "visninger",
    ),
    "reach": ("reach", "reichweite", "elérés", "bereik", "zasięg", "rekkevidde"),
    "engagements": (
        "engagements",
        "total engagements",
        "post engagement",
        "interactions",
        "interaktionen",
        "interakciók",
        "interacties",
        "interakcje",
        "engasjement",
    ),
    "followers_gained": (
        "follows",
        "followers gained",
        "new followers",
        "follower",
        "page follows",
        "profile follows",
    ),
    "link_clicks": (
        "link clicks",
        "clicks (destination)",
        "url clicks",
        "website clicks",
        "link-klicks",
        "linkkattintások",
        "linkklikken",
        "kliknięcia linku",
        "linkklikk",
        "clicks",
        "clicks (all)",
        "klicks (alle)",
        "klicks",
        "kattintások",
        "klikken",
        "kliknięcia",
        "klikk",
    ),
    "sessions": ("sessions", "sitzungen", "munkamenetek", "sessies", "sesje", "økter"),
    "leads": ("leads", "lead", "potenciális ügyfelek", "kontakty"),
    "conversions": (
        "purchases",
        "conversions",
        "key events",
        "transactions",
        "purchase",
        "total_conversion",
        "results",
        "käufe",
        "conversionen",
        "ergebnisse",
        "konverziók",
        "vásárlások",
        "conversies",
        "aankopen",
        "konwersje",
        "zakupy",
        "konverteringer",
        "kjøp",
        "schlüsselereignisse",
    ),
    "revenue": (
        "purchases conversion value",
        "conv. value",
        "total revenue",
        "total conversion value",
        "purchase revenue",
        "revenue",
        "conversion value",
        "websites-käufe – conversion-wert",
        "conversion-wert",
        "umsatz",
        "gesamtumsatz",
        "vásárlások konverziós értéke",
        "bevétel",
        "conversiewaarde",
        "opbrengst",
        "omzet",
        "wartość konwersji",
        "przychód",
        "konverteringsverdi",
        "inntekt",
    ),
}

#: Header words that tell the platform, with the platform's canonical name.
_PLATFORM_SIGNS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Google Ads",
        frozenset({"impr.", "conv. value", "currency code", "avg. cpc", "cost / conv."}),
    ),
    (
        "Facebook",
        frozenset(
            {
                "amount spent",
                "reporting starts",
                "ad set name",
                "clicks (all)",
                "link clicks",
                "purchases conversion value",
                "ausgegebener betrag",
                "berichtsstart",
                "fb_campaign_id",
                "# of add to cart",
                "# of view content",
                "wydana kwota",
                "elköltött összeg",
                "besteed bedrag",
                "brukt beløp",
            }
        ),
    ),
    ("LinkedIn", frozenset({"total spent", "start date (in utc)", "total engagements"})),
    ("TikTok", frozenset({"clicks (destination)", "ad group name", "ctr (destination)", "by day"})),
    ("X", frozenset({"url clicks", "retweets", "promoted impressions", "replies"})),
    (
        "Website",
        frozenset(
            {
                "sessions",
                "session source / medium",
                "key events",
                "total revenue",
                "landing page",
                "engaged sessions",
                "session default channel group",
            }
        ),
    ),
    ("Instagram", frozenset({"profile visits", "from hashtags", "from explore", "from home"})),
)

#: Columns whose sum is the engagements where an export has no engagement total: reactions or
#: likes, comments, shares (reposts), saves, by the names platforms give them.
ENGAGEMENT_PARTS: dict[str, str] = {
    alias: part
    for part, aliases in {
        "reactions": ("reactions", "likes", "post reactions", "reaktionen", "gefällt mir",
                      "reakciók", "kedvelések", "reacties op bericht", "vind-ik-leuks",
                      "reakcje", "polubienia", "reaksjoner", "liker"),
        "comments": ("comments", "kommentare", "hozzászólások", "opmerkingen", "reacties",
                     "komentarze", "kommentarer"),
        "shares": ("shares", "reposts", "retweets", "geteilte inhalte", "megosztások",
                   "gedeeld", "udostępnienia", "delinger"),
        "saves": ("saves", "saved", "gespeichert", "mentések", "opgeslagen", "zapisy",
                  "lagringer"),
    }.items()
    for alias in aliases
}  # fmt: skip
#: Header words that name X's paid twin of an organic column (``promoted impressions``).
PROMOTED_PREFIX = "promoted "

_CURRENCY_IN_HEADER = re.compile(r"\s*[(\[]\s*([A-Z]{3})\s*[)\]]\s*")
_QUALIFIER = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_PREFIX = re.compile(r"^(?:# of |number of |anzahl )", re.IGNORECASE)
_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
_RANK = {alias: rank for aliases in ALIASES.values() for rank, alias in enumerate(aliases)}


def normalise(header: object) -> tuple[str, str | None]:
    """A header as its lookup key (lower case, no currency, no ``# of``), and its currency."""
    text = " ".join(str(header or "").split())
    currency = None
    if match := _CURRENCY_IN_HEADER.search(text):
        currency = match.group(1)
        text = _CURRENCY_IN_HEADER.sub(" ", text).strip()
    text = _PREFIX.sub("", text)
    return text.casefold(), currency


def unique_headers(headers: Sequence[object]) -> list[str]:
    """Header texts, a repeated name numbered (``Ad name``, ``Ad name (2)``), blanks named."""
    seen: dict[str, int] = {}
    names = []
    for index, header in enumerate(headers):
        text = " ".join(str(header if header is not None else "").split()) or f"Column {index + 1}"
        count = seen.get(text.casefold(), 0) + 1
        seen[text.casefold()] = count
        names.append(text if count == 1 else f"{text} ({count})")
    return names


def _variants(key: str) -> list[str]:
    """A header key as written, then without a bracketed qualifier, then in the other number
    (``Follow`` ~ ``Follows``, ``Like (total)`` ~ ``likes``): the spellings of one measure."""
    bare = _QUALIFIER.sub(" ", key).strip() if "(" in key or "[" in key else key
    found = [key] if bare == key else [key, bare]
    for text in list(found):
        if text.endswith("s") and len(text) > 3:
            found.append(text[:-1])
        elif text and text[-1].isalpha():
            found.append(text + "s")
    return found


@lru_cache(maxsize=4096)
def field_of(key: str) -> tuple[str, int] | None:
    """The field a normalised header feeds and the alias's rank (lower is better), or None.
    A date is never found by adding or dropping an "s" (``Tags`` is no German ``Tag``)."""
    variants = _variants(key)
    as_written = {key, _QUALIFIER.sub(" ", key).strip()}
    for rank_offset, variant in enumerate(variants):
        field = _LOOKUP.get(variant)
        if field is None or (field == "date" and variant not in as_written):
            continue
        return field, _RANK[variant] + 100 * rank_offset
    return None


def engagement_part(key: str) -> str | None:
    """Which part of the engagements a normalised header is (``reactions``, ``comments``…)."""
    for variant in _variants(key):
        part = ENGAGEMENT_PARTS.get(variant)
        if part is not None:
            return part
    return None


def auto_mapping(headers: list[str]) -> dict[str, int]:
    """Field → column index; where two columns could feed a field, the better alias wins."""
    best: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        key, _currency = normalise(header)
        if key.startswith(PROMOTED_PREFIX):
            continue  # X's paid twins: see promoted_mapping
        found = field_of(key)
        if found is None:
            continue
        field, rank = found
        if field not in best or rank < best[field][0]:
            best[field] = (rank, index)
    return {field: index for field, (_rank, index) in best.items()}


def engagement_columns(headers: list[str], mapping: dict[str, int]) -> list[int]:
    """The columns whose sum is the engagements: reactions/likes, comments, shares and saves
    where the export has two or more of them and no engagement total (else none)."""
    if "engagements" in mapping:
        return []
    mapped = set(mapping.values())
    parts: dict[str, int] = {}
    for index, header in enumerate(headers):
        key, _currency = normalise(header)
        part = engagement_part(key)
        if part is not None and part not in parts and index not in mapped:
            parts[part] = index
    return sorted(parts.values()) if len(parts) >= 2 else []


def promoted_mapping(headers: list[str]) -> dict[str, int]:
    """Metric field → column of its paid twin (X's ``promoted impressions`` …)."""
    twins: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        key, _currency = normalise(header)
        if not key.startswith(PROMOTED_PREFIX):
            continue
        found = field_of(key[len(PROMOTED_PREFIX) :])
        if found is None or found[0] not in NUMBER_FIELDS or found[0] == "spend":
            continue
        field, rank = found
        if field not in twins or rank < twins[field][0]:
            twins[field] = (rank, index)
    return {field: index for field, (_rank, index) in twins.items()}


def known_header_count(row: Sequence[object]) -> int:
    """How many cells of a row are header names some platform uses (finds the header row)."""
    return sum(1 for cell in row if isinstance(cell, str) and _known_header(cell))


@lru_cache(maxsize=4096)
def _known_header(text: str) -> bool:
    """A header name some platform uses (memoised: the header row is looked for twice, and
    the rows below repeat their labels)."""
    if not text.strip():
        return False
    key, _ = normalise(text)
    return (
        field_of(key) is not None
        or engagement_part(key) is not None
        or any(key in signs for _, signs in _PLATFORM_SIGNS)
    )


def detect_platform(headers: list[str]) -> str | None:
    """The platform whose typical headers the file has most of, or None."""
    keys = {normalise(h)[0] for h in headers} | {
        " ".join(str(h).split()).casefold() for h in headers
    }
    scores = [(len(keys & signs), name) for name, signs in _PLATFORM_SIGNS]
    score, name = max(scores)
    return name if score > 0 else None


#: Header words only web analytics exports (GA4, Universal Analytics) have.
_ANALYTICS_SIGNS = frozenset({
    "landing page", "landing page + query string", "engaged sessions", "key events",
    "engagement rate", "bounce rate", "new users", "total users", "users", "active users",
    "page path and screen class", "page path + query string", "avg. session duration",
    "average session duration", "pages / session", "ecommerce conversion rate",
})  # fmt: skip


def is_analytics(headers: list[str], mapping: dict[str, int]) -> bool:
    """Whether a table is a web analytics export (whose traffic must be told social or not):
    it has a channel or source / medium column, or headers only analytics exports have."""
    if "channel" in mapping or "source_medium" in mapping:
        return True
    return any(normalise(h)[0] in _ANALYTICS_SIGNS for h in headers)


def header_currencies(headers: list[str], columns: list[int]) -> set[str]:
    """Currency codes written in the given columns' headers (``Amount spent (PLN)``)."""
    found = set()
    for index in columns:
        _key, currency = normalise(headers[index])
        if currency:
            found.add(currency)
    return found
