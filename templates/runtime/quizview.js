/*
 * How a quiz shows: one question per screen or all on one page; each judged question's verdict
 * (correct, partly correct, incorrect: icon and text from the page, never colour alone), the
 * learner's own answer marked, and the right one when the quiz reveals it; the lock that keeps a
 * quiz closed until every lesson counts as viewed.
 */
(function (ns) {
  "use strict";

  /* "correct", "partial" (some chosen options, pairs or places right) or "incorrect". */
  ns.verdict = function (question, response) {
    if (ns.isCorrect(question, response)) { return "correct"; }
    if (response === null || response === undefined) { return "incorrect"; }
    var given = ns.questionTypes[question.type].learner(response, question);
    var right = question.interaction.correct[0];
    if (!Array.isArray(given) || !Array.isArray(right)) { return "incorrect"; }
    var choice = question.interaction.type === "choice";
    return given.some(function (part, index) {
      return choice ? right.indexOf(part) !== -1 : JSON.stringify(part) === JSON.stringify(right[index]);
    }) ? "partial" : "incorrect";
  };

  function tag(option, name, key) {
    var label = option.querySelector("label");
    var old = label.querySelector('[data-tag="' + name + '"]');
    if (old && !key) { old.remove(); }
    if (key && !old) {
      var span = document.createElement("span");
      span.className = "tag tag-" + name;
      span.setAttribute("data-tag", name);
      span.textContent = ns.t(key);
      label.appendChild(span);
    }
  }

  /* One question as its state says: open for answers, or judged (submitted, or checked alone). */
  ns.markQuestion = function (item, question, progress) {
    var judged = progress.submitted || Boolean(progress.checked[question.id]);
    var response = progress.answers[question.id];
    var verdict = judged ? ns.verdict(question, response) : "";
    var reveal = judged && progress.quiz.showAnswers !== "never" && verdict !== "correct";
    var key = [].concat.apply([], question.interaction.correct);
    var chosen = [].concat(response);
    item.setAttribute("data-verdict", verdict);
    item.querySelector("[data-feedback]").hidden = !judged;
    item.querySelectorAll("[data-verdict-text]").forEach(function (line) {
      line.hidden = line.getAttribute("data-verdict-text") !== verdict;
    });
    item.querySelectorAll("[data-feedback-when]").forEach(function (line) {
      line.hidden = line.getAttribute("data-feedback-when") !== (verdict === "correct" ? "correct" : "incorrect");
    });
    item.querySelectorAll("[data-feedback-option]").forEach(function (line) {
      line.hidden = chosen.indexOf(line.getAttribute("data-feedback-option")) === -1;
    });
    var right = item.querySelector("[data-right-answer]");
    if (right) { right.hidden = !reveal; }
    item.querySelectorAll(".option").forEach(function (option) {
      var input = option.querySelector("input");
      if (!input) { return; }
      var mine = judged && input.checked;
      var isKey = reveal && key.indexOf(input.value) !== -1;
      option.classList.toggle("is-mine", mine);
      option.classList.toggle("is-key", isKey);
      tag(option, "mine", mine && "quiz.your_answer");
      tag(option, "key", isKey && "quiz.right_answer");
    });
    item.querySelectorAll("input, select, button").forEach(function (control) {
      if (control.hasAttribute("data-check")) { control.hidden = judged; } else { control.disabled = judged; }
    });
  };

  /* One question per screen: the current one, its position and the buttons around it; after
     submitting (the results page) every question shows, for review. */
  ns.showScreen = function (section, progress) {
    var asked = progress.askedQuestions();
    var one = progress.quiz.onePerScreen && !progress.submitted;
    var at = progress.position = Math.max(0, Math.min(progress.position, asked.length - 1));
    asked.forEach(function (question, index) { ns.itemFor(section, question).hidden = one && index !== at; });
    var position = section.querySelector("[data-position]");
    if (position) {
      position.hidden = !one;
      position.textContent = one ? ns.t("quiz.position", { number: at + 1, total: asked.length }) : "";
    }
    section.querySelectorAll("[data-step]").forEach(function (button) {
      var step = Number(button.getAttribute("data-step"));
      button.hidden = !one || at + step < 0 || at + step >= asked.length;
    });
    section.querySelector("[data-submit]").hidden = progress.submitted || (one && at < asked.length - 1);
  };

  /* Keyboard focus to the question on screen (its fieldset names it by the legend). */
  ns.focusQuestion = function (section, progress) {
    var box = ns.itemFor(section, progress.askedQuestions()[progress.position]).querySelector(".question");
    box.setAttribute("tabindex", "-1");
    box.focus();
  };

  /* The lessons still to view before a locked quiz opens; none when it is open. */
  ns.lessonsLeft = function (state, quiz) {
    return quiz.locked ? state.pages.filter(function (page, index) {
      return page.kind === "lesson" && !state.viewed(index);
    }) : [];
  };

  ns.showLock = function (section, left) {
    var lock = section.querySelector("[data-quiz-lock]");
    section.querySelector("[data-quiz-body]").hidden = left.length > 0;
    if (!lock) { return; }
    lock.hidden = !left.length;
    lock.querySelector("[data-lock-count]").textContent = left.length ? ns.tn("quiz.locked_left", left.length) : "";
    lock.querySelectorAll("[data-lock-go]").forEach(function (button) {
      button.parentNode.hidden = !left.some(function (page) {
        return "lesson:" + page.id === button.getAttribute("data-lock-go");
      });
    });
  };
})(window.CoursePackager = window.CoursePackager || {});
