"""Words and dialogue lines of the schoonmaak sector, as the exercises receive them."""

from __future__ import annotations

from vaktaal.srs.exercises import LineItem, TermItem

BASIS, SANITAIR, VEILIG = 1, 2, 4


def term(
    term_id: int,
    lemma: str,
    *,
    word_class: str = "noun",
    article: str | None = "de",
    plural: str | None = None,
    example: str = "",
    picture: bool = True,
    audio: bool = True,
    theme_id: int = BASIS,
) -> TermItem:
    """Return a word with its picture and audio at the URLs the platform serves them from."""
    key = lemma.replace(" ", "-")
    return TermItem(
        id=term_id,
        key=key,
        lemma=lemma,
        word_class=word_class,
        article=article if word_class == "noun" else None,
        plural=plural,
        example=example,
        picture=f"/pictures/schoonmaak/{key}.svg" if picture else None,
        theme_id=theme_id,
        audio=f"/audio/{key}.mp3" if audio else None,
        example_audio=f"/audio/{key}-voorbeeld.mp3" if audio and example else None,
    )


def schoonmaak_words() -> list[TermItem]:
    """Return a realistic pool: nouns, verbs, adjectives and phrases over three themes."""
    return [
        term(1, "emmer", plural="emmers", example="Vul de emmer met lauw water."),
        term(2, "mop", plural="moppen", example="Spoel de mop goed uit na het dweilen."),
        term(3, "doek", plural="doeken", example="Pak een schone doek voor de tafels."),
        term(4, "spons", plural="sponzen", example="Gebruik de spons voor het aanrecht."),
        term(5, "handschoen", plural="handschoenen", example="Trek eerst je handschoenen aan."),
        term(6, "bezem", plural="bezems", example="De bezem staat in de kast."),
        term(7, "water", article="het", example="Doe lauw water in de emmer."),
        term(8, "dweilen", word_class="verb", example="Je moet de gang nog dweilen."),
        term(9, "vegen", word_class="verb", example="Kun je buiten bij de ingang vegen?"),
        term(10, "stofzuigen", word_class="verb", example="Eerst stofzuigen, dan dweilen."),
        term(11, "afnemen", word_class="verb", example="Wil je de tafels even afnemen?"),
        term(
            12,
            "vies",
            word_class="adjective",
            example="Die doek is vies, pak een nieuwe.",
            picture=False,
        ),
        term(
            13,
            "even wachten",
            word_class="phrase",
            example="Even wachten, de vloer is nog nat.",
            picture=False,
        ),
        term(
            20,
            "toilet",
            article="het",
            plural="toiletten",
            example="Maak het toilet ook aan de buitenkant schoon.",
            theme_id=SANITAIR,
        ),
        term(
            21,
            "wastafel",
            plural="wastafels",
            example="Maak de wastafel schoon met de gele doek.",
            theme_id=SANITAIR,
        ),
        term(
            22,
            "kraan",
            plural="kranen",
            example="Er zit veel kalk op de kraan.",
            theme_id=SANITAIR,
        ),
        term(
            23,
            "tegel",
            plural="tegels",
            example="Schrob ook de tegels naast het toilet.",
            theme_id=SANITAIR,
        ),
        term(
            24,
            "desinfecteren",
            word_class="verb",
            example="Vergeet niet de toiletbril te desinfecteren.",
            theme_id=SANITAIR,
        ),
        term(
            25,
            "schrobben",
            word_class="verb",
            example="Je moet de vloer van de douche goed schrobben.",
            theme_id=SANITAIR,
        ),
        term(
            40,
            "veiligheidsbril",
            plural="veiligheidsbrillen",
            example="Bij dit middel moet je een veiligheidsbril dragen.",
            theme_id=VEILIG,
        ),
        term(
            41,
            "etiket",
            article="het",
            plural="etiketten",
            example="Lees eerst het etiket op de fles.",
            theme_id=VEILIG,
        ),
        term(
            42,
            "glad",
            word_class="adjective",
            example="Pas op, de vloer is glad.",
            theme_id=VEILIG,
        ),
        term(
            43,
            "pas op",
            word_class="phrase",
            example="Pas op met dit middel, het spat snel.",
            picture=False,
            theme_id=VEILIG,
        ),
    ]


def by_lemma(pool: list[TermItem], lemma: str) -> TermItem:
    return next(t for t in pool if t.lemma == lemma)


EERSTE_WERKDAG = [
    ("a", "Sara", "Goedemorgen, Adam. Kijk, dit is jouw schoonmaakkar."),
    ("b", "Adam", "Goedemorgen. Mijn schoonmaakkar. Dank je."),
    ("a", "Sara", "Eerst ga je de gang stofzuigen. Daarna dweil je de keuken."),
    ("b", "Adam", "Dus eerst de gang stofzuigen, en dan de keuken dweilen?"),
    ("a", "Sara", "Ja, goed zo. Pak de mop en de emmer."),
    ("b", "Adam", "De mop en de emmer. Met koud water?"),
    ("a", "Sara", "Nee, met lauw water. En trek je handschoenen aan."),
    ("b", "Adam", "Lauw water, handschoenen aan. Eerst de gang, dan de keuken."),
]


def dialogue(
    texts: list[tuple[str, str, str]] = EERSTE_WERKDAG, *, audio: bool = True, first_id: int = 100
) -> list[LineItem]:
    """Return the lines of a dialogue (by default "De eerste werkdag"), in order."""
    return [
        LineItem(
            id=first_id + position,
            dialogue_id=1,
            position=position,
            speaker=speaker,
            speaker_name=name,
            text=text,
            audio=f"/audio/dialoog/{first_id + position}.mp3" if audio else None,
        )
        for position, (speaker, name, text) in enumerate(texts)
    ]
