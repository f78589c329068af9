"""TeX debris: finding it, restoring it where the reading is unambiguous, never elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from generator.errors import Diagnostics
from generator.text.debris import find_debris
from generator.text.names import Ambiguous, split_names
from generator.text.restore import restore_stripped_tex
from tests.support import FIXTURES, shared_path

GOLDEN: dict[str, Any] = yaml.safe_load((FIXTURES / "text-repair.yaml").read_text(encoding="utf-8"))
# The one formula of the default corpus whose structure the scraper lost beyond
# recovery: a one-argument `frac` around a lost fraction (`frac{d{n}}`).
UNRECOVERABLE = "O(1{1-2epsilon}frac{d{n}})"


@pytest.mark.parametrize(
    "case", GOLDEN["restored"], ids=[f"{i}-{c['key']}" for i, c in enumerate(GOLDEN["restored"])]
)
def test_real_sentences_are_restored(case: dict[str, str]) -> None:
    """Each golden sentence of the pasted listings is restored exactly as checked by hand."""
    assert restore_stripped_tex(case["before"]).text == case["after"]


@pytest.mark.parametrize(
    "case", GOLDEN["unchanged"], ids=[f"{i}-{c['key']}" for i, c in enumerate(GOLDEN["unchanged"])]
)
def test_real_prose_is_neither_debris_nor_repaired(case: dict[str, str]) -> None:
    """Real sentences with words like well, sample, (in-house), word2vec stay as they are."""
    result = restore_stripped_tex(case["text"])
    assert (result.text, result.repairs, find_debris(case["text"])) == (case["text"], (), [])


def test_restored_sentences_hold_no_debris() -> None:
    """After the restore, no golden sentence shows debris outside its formulas."""
    left = [(c["key"], d.text) for c in GOLDEN["restored"] for d in find_debris(c["after"])]
    assert left == []
    assert all(find_debris(c["before"]) for c in GOLDEN["restored"])


def test_an_unrecoverable_run_is_left_whole_and_reported() -> None:
    """A formula that cannot be restored with confidence is left as it was, never half-done."""
    text = f"the gap is of the order {UNRECOVERABLE}, where epsilon < 1/2 is the flip rate"
    result = restore_stripped_tex(text)
    assert result.text == text
    assert result.unrepaired == (UNRECOVERABLE + ",",)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The issue's own examples.
        ("risk mathcalO(mathcalC_Phi/m) here", r"risk $\mathcal O(\mathcal C_\Phi/m)$ here"),
        ("from Oleft(N Mright) to", r"from $O\left(N M\right)$ to"),
        ("nearly 3times speedup", r"nearly $3\times$ speedup"),
        ("a prediction taskx2014generating the", "a prediction task\u2014generating the"),
        ("RRT^* is", "RRT$^*$ is"),
        ("of order log^2(1/ε).", r"of order $\log^2(1/ε)$."),
        ("accommodates ell_2-accurate scores", r"accommodates $\ell_2$-accurate scores"),
        # A lost \frac keeps its denominator, and only that: no guess at the numerator.
        ("when γ>5{6} and", "when $γ>5/6$ and"),
        ("of size Oleft( 1{1-2a} right)", r"of size $O\left( 1/(1-2a) \right)$"),
        # Existing formulas and backslashes are left alone.
        (r"with $\alpha$ and \emph{ample} room", r"with $\alpha$ and \emph{ample} room"),
    ],
)
def test_restore_examples(source: str, expected: str) -> None:
    """The stripped forms the issue names come back as delimited formulas."""
    assert restore_stripped_tex(source).text == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("3times", ["macro"]),
        ("p_i", ["script"]),
        ("1{delta}", ["fraction"]),
        ("taskx2014generating", ["entity"]),
        ("O(11-2epsilonfracdn)", ["macro"]),  # as the page shows 1{1-2epsilon}frac{d{n}}
        ("a fraction of fractal refraction", []),
        (r"64{\textbackslash}times64", ["escaped"]),
        ('Tensor{F}low and {U}sing and Einf{\\"u}hrung', []),
        ("we'll do it all well, by the sample point", []),
        ("snake_case, float8_e4m3, H_2O and https://x.org/a_b", []),
        ("epsilon-greedy, PanGu-pi-7B, alpha-hat, (log-concave), (in-house), 5.5-times", []),
        ("GPT4All, word2vec, int8, top1, Chat2VIS and argmin/argmax", []),
        ("costs $5 and $x_1$ stays math", []),
        (r"the \texttt{frac} and \emph{sqrt} commands", []),
    ],
)
def test_debris_kinds(text: str, kinds: list[str]) -> None:
    """What counts as debris, by kind; words and identifiers that only look like TeX do not."""
    assert [d.kind for d in find_debris(text)] == kinds


def test_letters_split_into_names_only_one_way() -> None:
    """mathcalO is mathcal+O; pin reads p+in (a relation beats a product); psin (p+sin or
    psi+n) is ambiguous; sample (s+a+mp+le) is no formula."""
    assert split_names("mathcalO") == (("mathcal", True), ("O", False))
    assert split_names("pin") == (("p", False), ("in", True))
    assert split_names("sample") is None
    with pytest.raises(Ambiguous):
        split_names("psin")


def test_real_exports_hold_only_real_debris() -> None:
    """In the real BibTeX exports of ../shared, debris is found only where the TeX really is
    broken (unrendered scripts, a Ψ without its backslash, TeX escaped by Zotero), and the
    restore would change nothing else."""
    from generator.load.bibtex import read_bibtex

    found: dict[str, set[str]] = {}
    changed: set[str] = set()
    for name in ("alexpiche-obsidian-vault.bbt-biblatex.bib",
                 "controlnet-annotated-bibliography.zotero.bib",
                 "jabref-jabref.dblp-via-jabref.bib", "jabref-jabref.jabref.bib"):  # fmt: skip
        path = shared_path("corpora", "bibtex-real", name)
        text = path.read_text(encoding="utf-8")
        for record in read_bibtex(text, name, Diagnostics()):
            for field in ("title", "abstract"):
                value = record.fields.get(field, "")
                kinds = {d.kind for d in find_debris(value)}
                if kinds:
                    found.setdefault(str(record.key), set()).update(kinds)
                if restore_stripped_tex(value).repairs:
                    changed.add(str(record.key))
    unescaped = {key for key, kinds in found.items() if kinds - {"escaped"}}
    assert unescaped == {
        "Karahan2018", "Lin2014", "Poirier2008", "Poirier2008a",  # b_{v}(s), U(1)_A, Psi+
        "ethayarajhUnderstandingDatasetDifficulty2022", "guyerWillMyRobot2022",
        "hejnaFewShotPreferenceLearning2022", "JustAskGeneralization2021",  # escaped by Zotero
    }  # fmt: skip
    assert changed <= unescaped
    assert len(found) == 16  # of 600 with abstracts: these 8, and 8 more with only escaped TeX
