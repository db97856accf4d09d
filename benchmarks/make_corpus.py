"""Generate a synthetic corpus in the seeds' format: `python benchmarks/make_corpus.py --n 1000 --out DIR`.

Each document is made from the seed texts' own sentences and footnotes (so the extractors meet the
vocabulary they were written for), with people's names and dates varied, laid out like the seeds:

    TITLE LINE IN CAPITALS
    <blank>
    Given SURNAME
    <blank>
    *Position,
    the Institute ...
    (City, Country)*
    <blank>
    paragraph ... marker¹
    <blank>
    ¹ footnote text
    ...

Deterministic: the same --n, --seed and --paragraphs give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.parse.document import parse_document  # noqa: E402

SEEDS = sorted((ROOT / "raw").glob("*.txt"))
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GIVEN = [
    "Aidar",
    "Aigerim",
    "Alexei",
    "Anna",
    "Askar",
    "Bakhyt",
    "Daniyar",
    "Dina",
    "Elena",
    "Erlan",
    "Gulnara",
    "Ivan",
    "Kairat",
    "Laura",
    "Madina",
    "Marat",
    "Nurlan",
    "Olga",
    "Pavel",
    "Rustam",
    "Saule",
    "Sergei",
    "Timur",
    "Yerlan",
    "Zhanna",
    "Michael",
    "Sarah",
    "John",
    "Claire",
    "Peter",
]
SURNAMES = [
    "Abenov",
    "Akhmetova",
    "Baimukhanov",
    "Dzhaksybekov",
    "Ermekova",
    "Iskakov",
    "Karimova",
    "Kuanyshev",
    "Mukanov",
    "Nurpeisova",
    "Omarov",
    "Sadykova",
    "Seitkali",
    "Tulegenov",
    "Utemisov",
    "Zhumabaev",
    "Petrov",
    "Ivanova",
    "Smirnov",
    "Volkova",
    "Harrison",
    "Whitfield",
    "Lindqvist",
    "Moreau",
    "Brennan",
    "Castellanos",
]
POSITIONS = (
    "Research associate",
    "Senior research fellow",
    "Head of department",
    "Expert",
    "Ph.D. (Political Science), leading research associate",
)
INSTITUTES = (
    "the Kazakhstan Institute\nfor Strategic Studies under the President of\nthe Republic of Kazakhstan",
    "the Institute of World Economics\nand Politics",
    "the Center for Central Asian\nand Caucasian Studies",
    "the Department of International Relations,\nAl-Farabi Kazakh National University",
)
CITIES = ("Almaty, Kazakhstan", "Astana, Kazakhstan", "Bishkek, Kyrgyzstan", "Tashkent, Uzbekistan")
TITLES = (
    "{a} AND {b}: COOPERATION IN THE SECURITY SPHERE",
    "THE ROLE OF {a} IN {b}'S CENTRAL ASIAN POLICY",
    "{a}-{b} MILITARY-POLITICAL RELATIONS: PROBLEMS AND PROSPECTS",
    "REGIONAL SECURITY IN CENTRAL ASIA AND THE INTERESTS OF {a} AND {b}",
)
ACTORS = ("KAZAKHSTAN", "NATO", "RUSSIA", "CHINA", "THE U.S.", "UZBEKISTAN", "THE SCO", "THE CSTO")

YEAR = re.compile(r"\b(19[89]\d|200\d)\b")
DAY_MONTH = re.compile(r"\b([1-9]|[12]\d|3[01]) (" + "|".join(MONTHS) + r")\b")
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r") (?=\d{4})")
# Full names of people named in the seeds, replaced by generated ones.
SEED_PEOPLE = re.compile(
    r"\b(?:Nursultan Nazarbaev|N\. Nazarbaev|Marat Tazhin|I\. Karimov|Jaap de Hoop Scheffer|"
    r"Richard A\. Boucher|Kassym-Jomart Tokaev|K\.K\. Tokaev|Donald Rumsfeld|Dick Cheney|"
    r"(?<=President )(?:Nazarbaev|Karimov|Putin|Bush))\b"
)


def seed_material() -> tuple[list[str], list[str]]:
    """Body sentences (whole, one line, no markers) and distinct footnote texts of the seeds."""
    sentences: list[str] = []
    footnotes: list[str] = []
    for seed in SEEDS:
        document = parse_document(seed.name, seed.read_bytes())
        sentences += [
            s.text.strip()
            for s in document.sentences
            if not s.in_footnote
            and len(s.text) > 40
            and s.text.rstrip()[-1] in '.?!"”'
            and "\n" not in s.text
        ]
        footnotes += [f.text for f in document.footnotes if f.text != "Ibidem."]
    return sentences, list(dict.fromkeys(footnotes))


def vary(text: str, rng: random.Random) -> str:
    text = SEED_PEOPLE.sub(lambda _m: f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", text)
    text = DAY_MONTH.sub(lambda _m: f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", text)
    text = MONTH_YEAR.sub(lambda _m: f"{rng.choice(MONTHS)} ", text)
    return YEAR.sub(lambda m: str(min(2012, max(1991, int(m[1]) + rng.randint(-3, 3)))), text)


def make_document(
    index: int, rng: random.Random, sentences: list[str], footnotes: list[str], paragraphs: int
) -> str:
    a, b = rng.sample(ACTORS, 2)
    title = rng.choice(TITLES).format(a=a, b=b)
    author = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES).upper()}"
    affiliation = f"*{rng.choice(POSITIONS)},\n{rng.choice(INSTITUTES)}\n({rng.choice(CITIES)})*"
    blocks = [title, author, affiliation]
    number = 0
    for _ in range(rng.randint(max(1, paragraphs - 3), paragraphs + 3)):
        start = rng.randrange(len(sentences))
        body = " ".join(vary(s, rng) for s in sentences[start : start + rng.randint(3, 6)])
        if rng.random() < 0.35:
            number += 1
            blocks.append(body + str(number).translate(SUPERSCRIPT))
            blocks.append(f"{str(number).translate(SUPERSCRIPT)} {vary(rng.choice(footnotes), rng)}")
        else:
            blocks.append(body)
    return "\n\n".join(blocks) + "\n"


def make_corpus(n: int, out: Path, seed: int = 20080101, paragraphs: int = 6) -> list[Path]:
    sentences, footnotes = seed_material()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(n):
        rng = random.Random(f"{seed}:{index}")  # one stream per document: changing n keeps the others
        path = out / f"doc_{index:05d}.txt"
        path.write_text(make_document(index, rng, sentences, footnotes, paragraphs), encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of documents")
    parser.add_argument("--out", required=True, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=20080101)
    parser.add_argument("--paragraphs", type=int, default=6, help="mean paragraphs per document (±3)")
    args = parser.parse_args()
    paths = make_corpus(args.n, Path(args.out), args.seed, args.paragraphs)
    size = sum(p.stat().st_size for p in paths)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print("| documents | bytes | words | words/doc |\n|---:|---:|---:|---:|")
    print(f"| {len(paths)} | {size} | {words} | {words / max(1, len(paths)):.0f} |")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
