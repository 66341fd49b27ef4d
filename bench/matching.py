"""Evaluation: how well the matcher suggests themes for training-session topics.

Prints numbers; asserts nothing. Fast and deterministic (no database, no timing):

    .venv/bin/python bench/matching.py
    .venv/bin/python bench/matching.py --all     # every topic's top 3, not only the misses

1. The themes: every theme of content/sectors, read with the content checker (as the
   tests' `content_themes` fixture does): title, description, training topics, and the
   lemmas of its own terms and of the terms it includes from its sector.
2. The topics: CASES below, topic lines as training providers, MBO and inburgering
   trajectories write them in a course calendar, spread over all sectors. Each has the
   sectors its group practises (its own sector and the cross-sector pack `werk`) and the
   acceptable theme ids (`sector/theme-slug`; two when two themes genuinely fit). They
   were labelled from the themes' titles, descriptions and words, and are deliberately
   not the themes' own `training_topics` lines: numbering ("Les 3:", "Blok B", "H7"),
   very short lines, synonyms the themes do not use. A few topics match no theme (an
   excursion, the certificate ceremony); their expected set is empty.
3. Each topic is ranked by a `ThemeIndex` of its group's themes only, own sector first
   (the planner offers a group its sectors' themes, and shows the first
   `SUGGESTIONS_PER_SESSION`).
4. Reported: top-1 and top-3 accuracy (an acceptable theme first / among the first 3),
   mean reciprocal rank (1/rank of the first acceptable theme in the full ranking, 0
   when none is ranked), top-1 per sector (the sector of the expected theme, so the
   `werk` row is the cross-sector themes), what the no-match topics got, and the misses
   (expected theme not first) with the top 3 returned and their scores.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from dataclasses import dataclass

from vaktaal.config import PROJECT_ROOT
from vaktaal.teaching.content_themes import content_themes
from vaktaal.teaching.matching import ThemeData, ThemeIndex, ThemeMatch
from vaktaal.teaching.planner import SUGGESTIONS_PER_SESSION

CONTENT = PROJECT_ROOT / "content" / "sectors"


@dataclass(frozen=True)
class Case:
    topic: str
    sectors: tuple[str, ...]  # what the group practises: its own sector, then "werk"
    expected: frozenset[str]  # acceptable theme ids; empty: no theme fits

    @property
    def sector(self) -> str:
        """The sector the topic is counted under: its expected theme's, else the group's."""
        first = min(self.expected, default=f"{self.sectors[0]}/")
        return first.partition("/")[0]


def case(topic: str, sector: str, *expected: str) -> Case:
    return Case(topic, (sector, "werk"), frozenset(expected))


SCHOONMAAK = [
    case("Module 2 – Vloeren reinigen en onderhouden", "schoonmaak", "schoonmaak/vloeronderhoud"),
    case("Les 3: toiletruimtes en wastafels", "schoonmaak", "schoonmaak/sanitair"),
    case("Praktijkles dweilen en stofwissen", "schoonmaak", "schoonmaak/vloeronderhoud"),
    case("Blok B: ruiten zemen en inwassen", "schoonmaak", "schoonmaak/glasbewassing"),
    case("Werken met de kleurcodes: welke doek waar", "schoonmaak", "schoonmaak/werkmethode"),
    case("Veilig omgaan met chemische middelen", "schoonmaak", "schoonmaak/veilig-werken"),
    case("Afvalstromen gescheiden inzamelen", "schoonmaak", "schoonmaak/afval-scheiden"),
    case(
        "Bedrijfskantine en koffiecorner schoonmaken",
        "schoonmaak",
        "schoonmaak/keuken-pantry",
    ),
    case("Bureaus en werkplekken afstoffen", "schoonmaak", "schoonmaak/kantoor"),
    case("Schoonmaken op een ziekenhuisafdeling", "schoonmaak", "schoonmaak/zorg"),
    case(
        "Contact met de klant en klachten",
        "schoonmaak",
        "schoonmaak/klant-en-melden",
        "werk/overdracht-en-klanten",
    ),
    case(
        "H5 Schoonmaakmaterialen en middelen",
        "schoonmaak",
        "schoonmaak/basiswoorden",
        "schoonmaak/veilig-werken",
    ),
    case(
        "Schrobmachine bedienen",
        "schoonmaak",
        "schoonmaak/vloeronderhoud",
        "schoonmaak/kantoor",
    ),
    case(
        "Je rechten als schoonmaker: cao en rooster",
        "schoonmaak",
        "schoonmaak/werktijden-contract",
        "werk/contract",
    ),
    case(
        "Kapotte spullen doorgeven aan de objectleider", "schoonmaak", "schoonmaak/klant-en-melden"
    ),
    case("Douches desinfecteren en ontkalken", "schoonmaak", "schoonmaak/sanitair"),
]

LOGISTIEK = [
    case("Praktijkles: stapelen en laden van pallets", "logistiek", "logistiek/laden-en-lossen"),
    case("Heftruck", "logistiek", "logistiek/intern-transport"),
    case("Rijden met de pompwagen", "logistiek", "logistiek/intern-transport"),
    case("Les 5: inslag controleren met de pakbon", "logistiek", "logistiek/ontvangst"),
    case("Picken met de scanner", "logistiek", "logistiek/orderpicken"),
    case("Dozen inpakken, wegen en labelen", "logistiek", "logistiek/inpakken"),
    case("Voorraadtelling en inventaris", "logistiek", "logistiek/voorraad-en-retouren"),
    case("Retourzendingen afhandelen", "logistiek", "logistiek/voorraad-en-retouren"),
    case(
        "Vrachtwagen beladen en sjorbanden gebruiken",
        "logistiek",
        "logistiek/laden-en-lossen",
    ),
    case("Tilinstructie en ergonomie", "logistiek", "logistiek/veilig-werken"),
    case("Bezorgroute en afleveren bij de klant", "logistiek", "logistiek/bezorgen"),
    case(
        "Werken in ploegen: vroege en late dienst",
        "logistiek",
        "logistiek/diensten-en-norm",
        "werk/rooster-op-tijd",
    ),
    case("Magazijnindeling en stellingen", "logistiek", "logistiek/magazijn"),
    case(
        "Veiligheidsschoenen en hesje",
        "logistiek",
        "logistiek/veilig-werken",
        "werk/beschermingsmiddelen",
    ),
    case("Blok C – Reachtruck", "logistiek", "logistiek/intern-transport"),
    case("De productienorm halen", "logistiek", "logistiek/diensten-en-norm"),
]

TUINBOUW = [
    case(
        "Hygiënesluis en voetbad bij de kas",
        "tuinbouw",
        "tuinbouw/hygiene-en-gewasbescherming",
    ),
    case(
        "Praktijk: planten indraaien en zijscheuten verwijderen",
        "tuinbouw",
        "tuinbouw/gewasverzorging",
    ),
    case("Paprika oogsten", "tuinbouw", "tuinbouw/oogsten-en-sorteren"),
    case(
        "Kwaliteitsklassen en de sorteerband",
        "tuinbouw",
        "tuinbouw/oogsten-en-sorteren",
    ),
    case("Stekken en oppotten", "tuinbouw", "tuinbouw/zaaien-en-planten"),
    case("Water geven met druppelaars", "tuinbouw", "tuinbouw/zaaien-en-planten"),
    case(
        "Witte vlieg en trips: plagen in de kas",
        "tuinbouw",
        "tuinbouw/hygiene-en-gewasbescherming",
    ),
    case(
        "Werken met de buisrailwagen",
        "tuinbouw",
        "tuinbouw/machines-en-veiligheid",
        "tuinbouw/gewasverzorging",
    ),
    case("Heggen snoeien en gras maaien", "tuinbouw", "tuinbouw/groenonderhoud"),
    case(
        "Bloemen bossen en in fust zetten voor de veiling",
        "tuinbouw",
        "tuinbouw/inpakken-en-verzenden",
    ),
    case(
        "Klimaatcomputer, luchtramen en schermen",
        "tuinbouw",
        "tuinbouw/kasklimaat-en-installaties",
    ),
    case("Werken in de warmte", "tuinbouw", "tuinbouw/werktempo-en-gezondheid"),
    case(
        "Kennismaking met de kas",
        "tuinbouw",
        "tuinbouw/de-kas",
        "werk/eerste-werkdag",
    ),
    case("Prestatieloon en productienorm", "tuinbouw", "tuinbouw/werktempo-en-gezondheid"),
]

ZORG = [
    case("Hygiëneprotocol handen wassen", "zorg", "zorg/hygiene"),
    case("Transfers met de tillift", "zorg", "zorg/tillen-en-verplaatsen"),
    case("Cliënt wassen en aankleden", "zorg", "zorg/dagelijkse-zorg"),
    case("Bloeddruk en temperatuur meten", "zorg", "zorg/meten-en-medicatie"),
    case("Medicijnen geven volgens de aftekenlijst", "zorg", "zorg/meten-en-medicatie"),
    case("Rapporteren in het ECD", "zorg", "zorg/rapporteren-en-overdracht"),
    case("Les 6: de verwarde oudere", "zorg", "zorg/contact-en-dementie"),
    case("Maaltijden en vochtinname", "zorg", "zorg/eten-en-drinken"),
    case("Vallen voorkomen bij ouderen", "zorg", "zorg/tillen-en-verplaatsen"),
    case("Noodsituatie bij de cliënt thuis", "zorg", "zorg/thuiszorg-en-noodgevallen"),
    case("Lichaamsdelen benoemen", "zorg", "zorg/lichaam-en-pijn"),
    case("Vragen naar pijn", "zorg", "zorg/lichaam-en-pijn"),
    case("Gesprek met de familie", "zorg", "zorg/contact-en-dementie"),
    case("Incontinentie en toiletgang", "zorg", "zorg/dagelijkse-zorg"),
]

INSTALLATIE = [
    case(
        "VCA H6 Persoonlijke beschermingsmiddelen",
        "installatie",
        "installatie/pbm",
        "werk/beschermingsmiddelen",
    ),
    case("Boren, pluggen en schroeven", "installatie", "installatie/gereedschap"),
    case("Meten met rolmaat en waterpas", "installatie", "installatie/meten-en-tekenen"),
    case(
        "Cv-ketel bijvullen en radiatoren ontluchten",
        "installatie",
        "installatie/leidingen-en-verwarming",
    ),
    case("Groepenkast en aardlekschakelaar", "installatie", "installatie/elektra"),
    case(
        "PV-panelen monteren op een schuin dak", "installatie", "installatie/zonnepanelen-en-bus"
    ),
    case("Steigers en ladders", "installatie", "installatie/hoogte-en-hijsen"),
    case(
        "Brandbestrijding met kleine blusmiddelen",
        "installatie",
        "installatie/elektriciteit-brand-besloten",
        "werk/veiligheid",
    ),
    case(
        "Gevarensymbolen op verpakkingen",
        "installatie",
        "installatie/gevaarlijke-stoffen",
    ),
    case("H7 Borden en signalering", "installatie", "installatie/veiligheidsborden"),
    case("LMRA en risico-inventarisatie", "installatie", "installatie/vca-wetgeving-en-risico"),
    case("Netjes werken bij de klant thuis", "installatie", "installatie/klant-en-collega"),
    case(
        "Solderen en persen van koperleiding", "installatie", "installatie/leidingen-en-verwarming"
    ),
]

WERK = [
    case("Gesprek met je leidinggevende", "logistiek", "werk/feedback"),
    case("BHV en ontruiming", "schoonmaak", "werk/veiligheid"),
    case(
        "Ziekmelding en verzuim",
        "tuinbouw",
        "werk/ziek-en-beter",
        "tuinbouw/werktempo-en-gezondheid",
    ),
    case("Je loonstrook begrijpen", "zorg", "werk/loon-en-uren"),
    case("Vakantiedagen aanvragen", "installatie", "werk/vrij-vragen"),
    case("Op tijd komen en afmelden bij vertraging", "zorg", "werk/rooster-op-tijd"),
    case("Eerste dag op de werkvloer: rondleiding", "logistiek", "werk/eerste-werkdag"),
    case("Koffiepauze en smalltalk met collega's", "installatie", "werk/pauze"),
    case("Doorvragen als je iets niet snapt", "tuinbouw", "werk/begrijpen-en-vragen"),
    case("Tijdelijk of vast contract", "logistiek", "werk/contract"),
    case("Complimenten en kritiek", "zorg", "werk/feedback"),
    case(
        "Overdracht aan de volgende ploeg",
        "logistiek",
        "werk/overdracht-en-klanten",
        "logistiek/diensten-en-norm",
    ),
]

NO_MATCH = [
    case("Excursie Keukenhof", "tuinbouw"),
    case("Evaluatie en certificaatuitreiking", "schoonmaak"),
    case("Sollicitatiebrief schrijven", "logistiek"),
    case("Kennismaking met de groep en de docent", "zorg"),
    case("Digitale vaardigheden: DigiD en inloggen", "installatie"),
    case("Proefexamen lezen en luisteren", "tuinbouw"),
]

CASES = SCHOONMAAK + LOGISTIEK + TUINBOUW + ZORG + INSTALLATIE + WERK + NO_MATCH


def check_cases(themes: list[ThemeData], names: dict[int, str]) -> None:
    """Refuse labels naming no theme, and topics copied from a theme's training topics."""
    known = set(names.values())
    own_topics = {topic.casefold() for theme in themes for topic in theme.training_topics}
    for c in CASES:
        if unknown := c.expected - known:
            raise SystemExit(f"{c.topic!r}: no such theme {sorted(unknown)}")
        if c.topic.casefold() in own_topics:
            raise SystemExit(f"{c.topic!r} is a theme's own training topic")


@dataclass(frozen=True)
class Outcome:
    case: Case
    ranked: list[ThemeMatch]
    rank: int | None  # 1-based position of the first acceptable theme; None: not ranked


def evaluate(themes: list[ThemeData], names: dict[int, str]) -> list[Outcome]:
    indexes: dict[tuple[str, ...], ThemeIndex] = {}
    outcomes: list[Outcome] = []
    for c in CASES:
        if c.sectors not in indexes:
            order = {sector: i for i, sector in enumerate(c.sectors)}
            chosen = [t for t in themes if names[t.id].partition("/")[0] in order]
            chosen.sort(key=lambda t: order[names[t.id].partition("/")[0]])
            indexes[c.sectors] = ThemeIndex(chosen)
        ranked = indexes[c.sectors].rank(c.topic)
        rank = next(
            (i for i, m in enumerate(ranked, start=1) if names[m.theme_id] in c.expected), None
        )
        outcomes.append(Outcome(c, ranked, rank))
    return outcomes


def top(ranked: list[ThemeMatch], names: dict[int, str], k: int = SUGGESTIONS_PER_SESSION) -> str:
    return ", ".join(f"{names[m.theme_id]} {m.score:g}" for m in ranked[:k]) or "(nothing)"


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else "0/0"


def report(outcomes: list[Outcome], names: dict[int, str], *, show_all: bool) -> None:
    k = SUGGESTIONS_PER_SESSION
    labelled = [o for o in outcomes if o.case.expected]
    no_match = [o for o in outcomes if not o.case.expected]
    top1 = sum(1 for o in labelled if o.rank == 1)
    topk = sum(1 for o in labelled if o.rank is not None and o.rank <= k)
    mrr = statistics.fmean(1 / o.rank if o.rank else 0.0 for o in labelled)
    themes_used = {t for o in labelled for t in o.case.expected}

    print(
        f"Topics: {len(labelled)} labelled ({len(themes_used)} themes expected), "
        f"{len(no_match)} without a fitting theme; {len(names)} themes in the content"
    )
    print(f"Top-1 accuracy:  {share(top1, len(labelled))}")
    print(f"Top-{k} accuracy:  {share(topk, len(labelled))}")
    print(f"Mean reciprocal rank: {mrr:.3f}")
    unranked = sum(1 for o in labelled if o.rank is None)
    print(f"Not ranked at all (no acceptable theme scores > 0): {unranked}")

    print("\nTop-1 per sector (of the expected theme):")
    by_sector: dict[str, list[Outcome]] = defaultdict(list)
    for o in labelled:
        by_sector[o.case.sector].append(o)
    for sector in sorted(by_sector):
        group = by_sector[sector]
        hits = sum(1 for o in group if o.rank == 1)
        hits_k = sum(1 for o in group if o.rank is not None and o.rank <= k)
        print(f"  {sector:<12} top-1 {share(hits, len(group)):<16} top-{k} {hits_k}/{len(group)}")

    scores = [o.ranked[0].score for o in labelled if o.rank == 1]
    if scores:
        print(
            f"\nTop score when right: median {statistics.median(scores):g}, "
            f"min {min(scores):g}, max {max(scores):g}"
        )

    suggested = [o for o in no_match if o.ranked]
    print(f"\nNo-match topics given any suggestion: {share(len(suggested), len(no_match))}")
    for o in no_match:
        print(f"  {o.case.topic!r} [{o.case.sectors[0]}] → {top(o.ranked, names)}")

    misses = [o for o in labelled if o.rank != 1]
    print(f"\nMisses (acceptable theme not first): {len(misses)}")
    for o in misses:
        where = f"rank {o.rank}" if o.rank else "not ranked"
        print(f"  {o.case.topic!r} [{o.case.sectors[0]}]")
        print(f"      expected {' or '.join(sorted(o.case.expected))} ({where})")
        print(f"      got      {top(o.ranked, names)}")

    if show_all:
        print("\nAll labelled topics:")
        for o in labelled:
            mark = "ok " if o.rank == 1 else "   "
            print(f"  {mark}{o.case.topic!r} → {top(o.ranked, names)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every topic's top 3")
    args = parser.parse_args()
    themes, names = content_themes(CONTENT)
    check_cases(themes, names)
    report(evaluate(themes, names), names, show_all=args.all)


if __name__ == "__main__":
    main()
