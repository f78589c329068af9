"""What the sentences of an abstract say: contribution, framing, background, support.

Abstracts follow a pattern: background, the gap, what the paper contributes, how,
the evidence, the outlook. Each sentence gets a **rank** from cues in its wording:

5. a **contribution**: the paper or its authors as subject with a verb of result
   (``we show``, ``we prove that``, ``our analysis reveals``) or of method (``we
   propose``, ``this paper introduces``, ``we address X by designing``);
4. a contribution that opens with a discourse connective (``However,``,
   ``Moreover,``, ``Finally,``): shown alone it points at a sentence the reader never
   saw, so any other contribution goes first;
3. **framing**: what the paper studies or aims at (``we investigate``), or offers in
   generic terms (``we provide theoretical insights into``, ``... and discuss``);
2. any other sentence about the paper itself (``we``, ``our``, ``this paper``) that
   does not point back;
1. a sentence without background cues (``has emerged``, ``remains unclear``,
   ``existing methods``, ``Despite``);
0. background, and closing remarks (``We hope``, ``We believe``).

Secondary contributions (``we also show``, ``we further``), the experiments'
results (``our results demonstrate``, ``experiments on X show``) and pointers to
code rank as other sentences about the paper. A purpose clause (``To address this
limitation, we propose X``) is no penalty: 11 of the 60 sentences chosen by reading
(``tests/fixtures/excerpts.yaml``) open so, and demoting them loses 7 of those.
"""

from __future__ import annotations

import re

# The paper or its authors as the subject, and its verb at most three words on, or
# coordinated with another ("we start with X and show that"), or as its purpose
# ("we use X to prove").
_WHO = (
    r"(?:\bwe\b|\b(?-i:I)\b|\b(?:this|the present|our) (?:[\w-]+ ){0,2}?"
    r"(?:paper|work|study|article|survey|note|report|review|thesis)\b"
    r"|\bour (?:[\w-]+ ){0,2}?(?:results?|analysis|analyses|findings|theory|method|approach|"
    r"framework|contributions?)\b|\bhere\b)"
)
_SUBJECT = (
    _WHO + r"(?:(?:[\s,]+[\w-]+){0,3}?[\s,]+|,[^,.;]{1,80},\s+"
    r"|[^.;:]{0,100}?\band (?:also |then |further )?)"
)
# A result may also be the purpose of what the authors do: "we use X to prove".
_SUBJECT_TO = _WHO + r"[^.;:]{0,80}?\bto "
_SUFFIX = r"(?:s|es|ed|d|ing)?\b"
_RESULT_VERBS = (
    r"(?:show|prove|find|found|reveal|demonstrate|establish|derive|obtain|uncover|discover|"
    r"identify|characteri[sz]e|confirm|argue|suggest|indicate|report)"
)
_RESULT = re.compile(
    _SUBJECT + _RESULT_VERBS + _SUFFIX + r"|" + _SUBJECT_TO + r"(?:prove|show|derive|establish)\b",
    re.IGNORECASE,
)
_METHOD = re.compile(
    _SUBJECT + r"(?:propose|introduce|present|develop|design|contribute|provide|offer|give|"
    r"build|construct|devise|formali[sz]e|extend|unif(?:y|ie)|revisit)"
    + _SUFFIX
    + r"|"
    + _SUBJECT
    + r"(?:address|tackle|solve|overcome|bridge|fill|mitigate)\w*"
    r"[^.;]{0,60}?\bby [a-z]+ing\b",
    re.IGNORECASE,
)
# What a framing sentence offers instead of a contribution: "we provide theoretical
# insights into", "we develop theoretical underpinnings", "provides an analysis of".
_GENERIC = re.compile(
    r"\b(?:provid|develop|offer|giv|present|conduct|perform)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"(?:insights?|understanding|analysis|analyses|perspectives?|overview|underpinnings|"
    r"foundations?|explanations?|discussion|investigation|account)\b|\b(?:and|we) discuss\b",
    re.IGNORECASE,
)
# Results of the experiments rather than of the paper: "our results demonstrate".
_EVALUATION = re.compile(
    r"\bour (?:[\w-]+ ){0,2}?(?:results|experiments|evaluations?)\b|\b(?:empirical|experimental)"
    r" (?:evaluations?|results|studies|study)\b|\bexperiments? (?:on|with|across|in)\b",
    re.IGNORECASE,
)
_STUDY = re.compile(
    _SUBJECT + r"(?:study|studie|investigate|analy[sz]e|consider|explore|examine|address|"
    r"focus|aim|attempt|seek|tackle|conduct|perform)" + _SUFFIX,
    re.IGNORECASE,
)
# A secondary contribution, as authors mark one ("we also show", "we further prove").
_SECONDARY = re.compile(r"\b(?:we|our \w+|to) (?:also|further|additionally)\b", re.IGNORECASE)
# A new artefact with a name, right after the verb that brings it: "we propose
# CoreMatching", "this paper introduces SLDAgent", "called X".
_NAMED = re.compile(
    r"\b(?:called|named|dubbed|termed)\b|\b(?:propos|introduc|present|design|develop)\w*\s+"
    r"(?:[\w,-]+\s+){0,4}?(?:[A-Z][\w-]*[A-Z][\w-]*|\([A-Z][\w-]*[A-Z][\w-]*\))"
)
_FIRST = re.compile(r"\bthe first\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:has|have) (?:been|emerged|shown|demonstrated|achieved|gained|become|attracted|"
    r"enabled|led|proven|seen|received)\b|\bremains?\b|\b(?:recent|existing|previous|prior|"
    r"traditional|conventional|current) (?:work|works|studies|methods|approaches|research|"
    r"efforts|advances|models|literature)\b|\bhowever\b|\bdespite\b|\bpoorly understood\b|"
    r"\b(?:is|are) (?:a|an) (?:popular|powerful|widely|fundamental|key|central|promising)\b|"
    r"\bit is (?:unclear|not clear|unknown)\b",
    re.IGNORECASE,
)
_SUPPORT = re.compile(
    r"\b(?:experiments?|experimental results?|empirical results?|evaluations?|ablations?|"
    r"simulations?)\b[^.]{0,60}\b(?:show|demonstrate|validate|verify|confirm|support|"
    r"indicate)|\b(?:code|data|models?) (?:is|are) (?:available|released)|https?://|"
    r"\bwe (?:empirically |experimentally )?(?:validate|verify|evaluate|test)\b",
    re.IGNORECASE,
)
# Sentences that open by pointing back at one the reader of an excerpt never saw: a
# discourse connective ("However,", "Moreover,"), or a purpose that names the
# previous sentence's problem ("To address this,").
_DISCOURSE = re.compile(
    r"^(?:however|moreover|furthermore|additionally|in addition|therefore|thus|hence|"
    r"consequently|notably|finally|then|also|instead|in contrast|on the other hand|"
    r"meanwhile|nevertheless|nonetheless|lastly)\b",
    re.IGNORECASE,
)
_REFERENT = re.compile(
    r"^(?:(?:to|in order to) (?:address|tackle|overcome|solve|fill|bridge|resolve|"
    r"mitigate|remedy|counter|close)\b|to this end\b|to do so\b|as a result\b|"
    r"(?:based|building) (?:on|upon) (?:this|these|that|those)\b|motivated by (?:this|these)"
    r"\b|(?:under|with|using) (?:this|these)\b)",
    re.IGNORECASE,
)
# Closing remarks: hopes, beliefs, discussion, future work.
_CLOSING = re.compile(
    r"^(?:(?:thus|finally|overall|together),? )?(?:we (?:(?:also|further) )?(?:hope|believe|"
    r"expect|envision|anticipate|discuss)\b|(?:this|our) (?:[\w-]+ ){0,2}?(?:paper|work|study)"
    r" (?:(?:also|further) )?(?:opens|paves|calls|highlights the need))",
    re.IGNORECASE,
)
# A survey's contribution is its overview.
_SURVEY = re.compile(
    r"\b(?:this|our|the present) (?:survey|review)\b|\bwe (?:survey|review)\b", re.IGNORECASE
)
_SELF = re.compile(
    r"\bwe\b|\bour\b|\b(?-i:I)\b|\b(?:this|the present) (?:paper|work|study|article|survey)\b",
    re.IGNORECASE,
)


CONTRIBUTION, CONNECTED, FRAMING, SELF, PLAIN, BACKGROUND = 5, 4, 3, 2, 1, 0
# How far after a finding the method it motivated may come ("we find that X ...
# To address this, we propose NAME").
NAMED_WINDOW = 3
_NAME = re.compile(r"[A-Z][\w-]*[A-Z][\w-]*")
_TASK = re.compile(
    r"\b(?:introduc|propos|present|formulat|defin)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"(?:task|problem|setting|benchmark|dataset)s?\b",
    re.IGNORECASE,
)


def rank(sentence: str) -> int:
    """How well `sentence` states the contribution (see the module doc)."""
    if _CLOSING.search(sentence):
        return BACKGROUND
    kind = kind_of(sentence)
    incidental = _SECONDARY.search(sentence) or _SUPPORT.search(sentence)
    if kind in ("result", "method") and not incidental:
        return CONNECTED if _DISCOURSE.match(sentence) else CONTRIBUTION
    if kind == "study" and not incidental:
        return FRAMING
    if _SELF.search(sentence) and not points_back(sentence):
        return SELF
    return BACKGROUND if _BACKGROUND.search(sentence) or points_back(sentence) else PLAIN


def kind_of(sentence: str) -> str:
    """'result', 'method', 'study', 'evaluation' or ''."""
    if _SURVEY.search(sentence) and (_METHOD.search(sentence) or _STUDY.search(sentence)):
        return "method"
    if _RESULT.search(sentence):
        return "evaluation" if _EVALUATION.search(sentence) else "result"
    if _METHOD.search(sentence):
        if _GENERIC.search(sentence) and not _FIRST.search(sentence):
            return "study"
        return "method"
    if _STUDY.search(sentence):
        return "study"
    return ""


def points_back(sentence: str) -> bool:
    return bool(_DISCOURSE.match(sentence) or _REFERENT.match(sentence))


def motivated_method(parts: list[str], chosen: int) -> int | None:
    """A method with a new name right after a finding (or a new task) it answers:
    ``we find that X`` ... ``we propose CoreMatching``; the named method is what the
    paper is known by. None when `chosen` already states a method."""
    if kind_of(parts[chosen]) == "method" and not _TASK.search(parts[chosen]):
        return None
    for index in range(chosen + 1, min(len(parts), chosen + 1 + NAMED_WINDOW)):
        sentence = parts[index]
        if (
            kind_of(sentence) == "method"
            and rank(sentence) >= CONNECTED
            and _newly_named(sentence, " ".join(parts[:index]))
        ):
            return index
    return None


def _newly_named(sentence: str, before: str) -> bool:
    match = _NAMED.search(sentence)
    if not match:
        return False
    names = [n.strip("()") for n in _NAME.findall(match.group())]
    return not any(name in before for name in names)
