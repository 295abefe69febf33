"""What single choice and multiple response share: their template and how the test learner answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from packager.testing.actions import Check

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


CHOICE_TEMPLATE = r"""<fieldset class="question">
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }}{% if question.hint %}{% set hint = t(question.hint) %}{% if hint.rstrip('.').lower() not in question.prompt.lower() %} <span class="hint">({{ hint }})</span>{% endif %}{% endif %}</legend>
{% for option in question.options %}
  <div class="option" data-shuffle-item>
    <input type="{{ question.control }}" name="q-{{ quiz.id }}-{{ question.id }}" id="q-{{ quiz.id }}-{{ question.id }}-{{ option.id }}" value="{{ option.id }}">
    <label for="q-{{ quiz.id }}-{{ question.id }}-{{ option.id }}"><bdi>{{ option.text }}</bdi></label>
  </div>
{% endfor %}
</fieldset>
"""
"""A choice question's options as radio buttons or checkboxes (the model's ``control``), with the
model's ``hint`` (an interface message key) after the prompt, if any."""


def answer_choice(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The key lists the correct option ids: tick those, or a wrong set (every box is set)."""
    correct = {str(option) for option in key}
    controls = [
        (control, control.get_attribute("value") or "") for control in question.locator("input").all()
    ]
    wrong = [value for _, value in controls if value not in correct]
    if correctly:
        chosen = correct
    elif wrong:
        chosen = {wrong[0]}
    else:  # every option is correct: choosing fewer is wrong
        chosen = set(sorted(correct)[:1]) if len(correct) > 1 else set()
    actions: list[Action] = []
    for control, value in controls:
        if value in chosen:
            actions.append(Check(control))
        elif control.get_attribute("type") == "checkbox":
            actions.append(Check(control, checked=False))
    return actions
