"""A branching scenario: situations, the learner's choices, their consequences, and endings
(written as :data:`EXAMPLE` shows).

``##`` headings are situations (the first is the start); a ``###`` heading in one is a choice: its
text, ``->`` and the situation it leads to (further down, so there is always an ending), with its
consequence below. A situation without choices is an ending; marking endings ``{good}`` or ``{poor}``
scores the scenario (all marked, one good at least): the learner sees the result in words and an
icon; it is not sent to the LMS (a scenario is practice, like a knowledge check). One situation shows
at a time; choosing shows the consequence and focuses it, Continue focuses the next situation's
heading, an ending offers Restart scenario. An ending finishes the block; the path is kept on resume.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import model_validator

from packager.blocks.base import BlockBase, BlockType, ItemProblem
from packager.testing.actions import Press

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action

LEADS = re.compile(r"^(?P<label>.*?\S)\s*(?:->|→)\s*(?P<target>\S.*?)\s*$")
OUTCOME = re.compile(r"^(?P<title>.*?\S)\s*\{(?P<outcome>[^{}]*)\}\s*$")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash escape ('-\\>' from a translation's Markdown)
FIRST_CHOICE_FACT = 2  # facts: 0 an ending reached, 1 the last choice continued past, then each choice taken


@dataclass(frozen=True)
class Choice:
    label: str
    target: int
    fact: int


@dataclass(frozen=True)
class Situation:
    title: str
    outcome: str  # "good", "poor", or "" (not scored, or not an ending)
    choices: list[Choice]


class Scenario(BlockBase):
    type: Literal["scenario"]
    min_items: ClassVar[int] = 2
    item_word: ClassVar[str] = "situation"
    takes_options: ClassVar[bool] = True
    takes_parts: ClassVar[bool] = True

    @model_validator(mode="after")
    def _check_paths(self) -> Scenario:
        situations = self.situations()  # raises on a choice that leads nowhere
        if not situations[0].choices:
            problem = "the scenario starts here, so it needs choices ('### What the learner may do -> Where it leads')"
            raise ItemProblem(f"situation '{situations[0].title}': {problem}", 0)
        reached = {0}
        for index, situation in enumerate(situations):
            if index not in reached:
                problem = (
                    "no choice leads here, so the learner could never reach it (a choice names it after '->')"
                )
                raise ItemProblem(f"situation '{situation.title}': {problem}", index)
            reached.update(choice.target for choice in situation.choices)
        endings = [
            (index, situation.outcome) for index, situation in enumerate(situations) if not situation.choices
        ]
        if any(outcome for _, outcome in endings):
            for index, outcome in endings:
                if not outcome:
                    problem = "the scenario is scored (an ending is marked '{good}' or '{poor}'), so every ending needs its mark"
                    raise ItemProblem(f"ending '{situations[index].title}': {problem}", index)
            if "good" not in {outcome for _, outcome in endings}:
                raise ValueError("a scored scenario needs at least one ending marked '{good}'")
        return self

    def situations(self) -> list[Situation]:
        """Each situation: its title, its mark if it is a marked ending, its choices (checked)."""
        marks = [_outcome(item.title, index, bool(item.parts)) for index, item in enumerate(self.items)]
        titles = {title: index for index, (title, _) in reversed(list(enumerate(marks)))}
        for index, (title, _) in enumerate(marks):
            if titles[title] != index:
                raise ItemProblem(
                    f"situation '{title}': another situation has the same title (a choice names the "
                    "situation it leads to by its title, so each needs its own)",
                    index,
                )
        fact = itertools.count(FIRST_CHOICE_FACT)
        return [
            Situation(
                title,
                outcome,
                [_choice(part.title, titles, index, at, next(fact)) for at, part in enumerate(item.parts)],
            )
            for index, (item, (title, outcome)) in enumerate(zip(self.items, marks, strict=True))
        ]

    @property
    def shown_text(self) -> str:
        return self.options  # the title

    def state_size(self) -> int:
        return FIRST_CHOICE_FACT + sum(len(item.parts) for item in self.items)

    def finished_by(self) -> int | None:
        return 0


def _outcome(heading: str, index: int, has_choices: bool) -> tuple[str, str]:
    """A situation's title without its mark, and the mark ("good", "poor" or "")."""
    heading = ESCAPED.sub(r"\1", heading)
    found = OUTCOME.match(heading)
    if found is None:
        return heading.strip(), ""
    title, outcome = found["title"], found["outcome"].strip()
    if outcome not in ("good", "poor"):
        problem = f"an ending is marked '{{good}}' or '{{poor}}'; found '{{{found['outcome']}}}'"
    elif has_choices:
        problem = f"'{{{outcome}}}' marks an ending, and this situation has choices"
    else:
        return title, outcome
    raise ItemProblem(f"situation '{title}': {problem}", index)


def _choice(heading: str, titles: dict[str, int], index: int, at: int, fact: int) -> Choice:
    """One choice of situation ``index``, checked: it leads to a situation further down."""
    found = LEADS.match(ESCAPED.sub(r"\1", heading))
    target = titles.get(found["target"], -1) if found else -1
    if found is None:
        problem = (
            f"choice '{heading.strip()}': a choice's heading ends with '->' and the title of the situation "
            "it leads to: '### Ask your supervisor -> Talking it through'"
        )
    elif target < 0:
        known = "', '".join(sorted(titles, key=titles.__getitem__))
        problem = f"choice '{found['label']}' leads to '{found['target']}', which is not a situation of this scenario (they are: '{known}')"
    elif target <= index:
        problem = (
            f"choice '{found['label']}' leads back to '{found['target']}': a choice leads to a situation "
            "further down (write the situations in the order they can happen; the learner can restart)"
        )
    else:
        return Choice(found["label"], target, fact)
    raise ItemProblem(problem, index, at)


TEMPLATE = """\
{% set situations = block.situations() %}
<div class="block scenario panel" data-block="{{ number }}" data-block-type="scenario" role="group" aria-labelledby="{{ id }}-name">
  <p class="scenario-name" id="{{ id }}-name"><span class="scenario-kicker">{{ t("scenario.name") }}</span> {{ block.options }}</p>
  <p class="scenario-note muted">{{ t("scenario.note") }}</p>
{% for item in items %}{% set situation = situations[item.index] %}
  <div class="scenario-situation" data-situation="{{ item.index }}"{% if not loop.first %} hidden{% endif %}>
    <h{{ level }} class="scenario-title" tabindex="-1">
{%- if not situation.choices %}<span class="scenario-kicker{% if situation.outcome %} scenario-{{ situation.outcome }}{% endif %}"><span aria-hidden="true">{{ {"good": "✓ ", "poor": "✗ "}.get(situation.outcome, "") }}</span>{{ {"good": t("scenario.ending_good"), "poor": t("scenario.ending_poor")}.get(situation.outcome, t("scenario.ending_plain")) }}</span> {% endif %}{{ situation.title }}</h{{ level }}>
{{ item.body }}
{% if situation.choices %}
    <ul class="scenario-choices bare" aria-label="{{ t('scenario.choices') }}">
{% for choice in situation.choices %}
      <li><button type="button" class="scenario-choice" id="{{ item.parts[loop.index0].id }}-choice" aria-pressed="false" aria-controls="{{ item.parts[loop.index0].id }}" data-fact="{{ choice.fact }}" data-leads="{{ choice.target }}">{{ choice.label }}</button></li>
{% endfor %}
    </ul>
{% for part in item.parts %}
    <div class="scenario-consequence panel" id="{{ part.id }}" tabindex="-1" hidden>
      <p class="scenario-chose">{{ t("scenario.you_chose", choice=situation.choices[part.index].label) }}</p>
{{ part.body }}
      <button type="button" class="scenario-button primary" id="{{ part.id }}-continue" data-continue>{{ t("scenario.continue") }}</button>
    </div>
{% endfor %}
{% else %}
    <button type="button" class="scenario-button primary" id="{{ item.id }}-restart" data-restart>{{ t("scenario.restart") }}</button>
{% endif %}
  </div>
{% endfor %}
</div>
"""

SCRIPT = """\
/* Scenario block: one situation at a time. Facts: 0 an ending reached, 1 the last choice continued, then data-fact. */
window.CoursePackager.blockTypes.scenario = function (element, progress) {
  const situations = element.querySelectorAll(".scenario-situation");
  const all = element.querySelectorAll(".scenario-choice");
  const choices = (at) => Array.from(situations[at].querySelectorAll(".scenario-choice"));
  const panel = (button) => document.getElementById(button.getAttribute("aria-controls"));
  const taken = (at) => choices(at).find((choice) => progress.seen(+choice.dataset.fact));
  function show(at, focus) {
    situations.forEach((situation, index) => { situation.hidden = index !== at; });
    if (!choices(at).length) { progress.set(0, true); }
    if (focus) { situations[at].querySelector(".scenario-title").focus(); }
  }
  function mark(button, on) {
    button.closest("ul").querySelectorAll("button").forEach((other) => {
      other.setAttribute("aria-pressed", other === button && on);
      other.setAttribute("aria-disabled", on);
      panel(other).hidden = !(other === button && on);
    });
  }
  all.forEach((button) => {
    button.onclick = () => {
      if (button.getAttribute("aria-disabled") === "true") { return; }
      mark(button, true);
      progress.set(1, false);
      progress.set(+button.dataset.fact, true);
      panel(button).focus();
    };
    panel(button).querySelector("[data-continue]").onclick = () => {
      progress.set(1, true);
      show(+button.dataset.leads, true);
    };
  });
  element.querySelectorAll("[data-restart]").forEach((restart) => {
    restart.onclick = () => {
      progress.set(1, false);
      all.forEach((choice) => {
        mark(choice, false);
        progress.set(+choice.dataset.fact, false);
      });
      show(0, true);
    };
  });
  let at = 0;
  let choice = taken(0);
  // Replay the path kept: each choice taken, while the learner went on from it.
  while (choice && (taken(+choice.dataset.leads) || progress.seen(1))) {
    mark(choice, true);
    at = +choice.dataset.leads;
    choice = taken(at);
  }
  if (choice) { mark(choice, true); }
  show(at, false);
};
"""

CSS = """\
.scenario-name { margin: 0; font-weight: 700; }
.scenario-kicker { display: block; font-size: .85rem; font-weight: 600; color: var(--muted); text-transform: uppercase; }
.scenario-good { color: var(--good); } .scenario-poor { color: var(--bad); }
.scenario-note { margin-block: .25rem .75rem; }
.scenario-situation { padding: var(--pad); border-inline-start: 4px solid var(--accent); background: var(--background); }
.scenario .scenario-title { margin-block: 0 .5rem; font-size: 1.15rem; }
.scenario-choices { display: grid; gap: .5rem; margin-block: 1rem; }
.scenario-choice { inline-size: 100%; padding: .5rem 1rem; border: 2px solid var(--accent); border-radius: var(--radius); background: var(--background); color: var(--text); text-align: start; }
.scenario-choice[aria-pressed="true"] { background: var(--accent); color: var(--accent-text); font-weight: 700; }
.scenario-choice[aria-pressed="true"]::before { content: "✓ " / ""; }
.scenario-choice[aria-pressed="false"][aria-disabled="true"] { border-color: var(--border); color: var(--muted); cursor: default; }
.scenario-consequence { padding-block-start: 0; }
.scenario-chose { font-weight: 700; }
"""

EXAMPLE = """\
::: scenario A first scenario
## Where it starts
Each `##` heading is a situation; the first is where the learner starts.
### Take the first path -> A good end
Each `###` heading is a choice: after `->`, the situation it leads to. This text is its consequence.
### Take the other path -> A poor end
The learner sees this once they have chosen, then continues.
## A good end {good}
A situation without choices is an ending; `{good}` and `{poor}` score the scenario.
## A poor end {poor}
The learner can restart the scenario from an ending.
:::
"""


def finish(block: Locator) -> list[Action]:
    """From the situation on screen, take the choice taken there (or the first) and continue, to an ending."""
    actions: list[Action] = []
    at = block.locator(".scenario-situation:not([hidden])").get_attribute("data-situation") or "0"
    while (choices := block.locator(f"[data-situation='{at}'] .scenario-choice")).count():
        taken = block.locator(f"[data-situation='{at}'] [aria-pressed='true']")
        choice = taken if not actions and taken.count() else choices.first
        if choice is not taken:
            actions.append(Press(choice))
        actions.append(Press(block.locator(f"#{choice.get_attribute('aria-controls')} [data-continue]")))
        at = choice.get_attribute("data-leads") or "0"
    return actions


BLOCK_TYPE = BlockType(
    model=Scenario,
    template=TEMPLATE,
    script=SCRIPT,
    css=CSS,
    example=EXAMPLE,
    must_finish=True,
    finish=finish,
)
