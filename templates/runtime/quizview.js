/* How a quiz shows: one question per screen or all on one page; a judged question's verdict, the
   learner's own answer and, if allowed, the right one; the lock. */
(function (ns) {
  "use strict";

  /* "correct", "partial" (some chosen options, pairs or places right) or "incorrect". */
  ns.verdict = function (question, response) {
    if (ns.isCorrect(question, response)) { return "correct"; }
    var given = response != null && ns.questionTypes[question.type].learner(response, question);
    var right = question.interaction.correct[0];
    return Array.isArray(given) && Array.isArray(right) && given.some(function (part, index) {
      return question.interaction.type === "choice" ? right.indexOf(part) !== -1 : JSON.stringify(part) === JSON.stringify(right[index]);
    }) ? "partial" : "incorrect";
  };

  /* An option marked is-mine or is-key says so after its label. */
  function tag(option, name, text) {
    if (option.classList.contains("is-" + name)) {
      var span = option.querySelector("label").appendChild(document.createElement("span"));
      span.className = "tag tag-" + name;
      span.textContent = text;
    }
  }

  function show(item, selector, test) {
    item.querySelectorAll(selector).forEach(function (node) { node.hidden = !test(node); });
  }

  /* A question open for answers, or judged (the quiz submitted, or the question checked alone). */
  ns.markQuestion = function (item, question, progress) {
    var judged = progress.submitted || Boolean(progress.checked[question.id]);
    var response = progress.answers[question.id];
    var verdict = judged ? ns.verdict(question, response) : "";
    var reveal = judged && progress.quiz.showAnswers !== "never" && verdict !== "correct";
    var key = [].concat.apply([], question.interaction.correct);
    item.dataset.verdict = verdict;
    item.querySelector("[data-feedback]").hidden = !judged;
    show(item, "[data-verdict-text]", function (line) { return line.dataset.verdictText === verdict; });
    show(item, "[data-feedback-when]", function (line) {
      return line.dataset.feedbackWhen === (verdict === "correct" ? verdict : "incorrect");
    });
    show(item, "[data-feedback-option]", function (line) {
      return [].concat(response).indexOf(line.dataset.feedbackOption) !== -1;
    });
    show(item, "[data-right-answer]", function () { return reveal; });
    item.querySelectorAll(".option input").forEach(function (input) {
      var option = input.parentNode;
      option.classList.toggle("is-mine", judged && input.checked);
      option.classList.toggle("is-key", reveal && key.indexOf(input.value) !== -1);
      option.querySelectorAll(".tag").forEach(function (old) { old.remove(); });
      tag(option, "mine", ns.t("quiz.your_answer"));
      tag(option, "key", ns.t("quiz.right_answer"));
    });
    // Its fieldset too: lists and chips to drag lock with it.
    item.querySelectorAll("fieldset, input, select, button").forEach(function (control) {
      if ("check" in control.dataset) { control.hidden = judged; } else { control.disabled = judged; }
    });
  };

  /* One per screen: the current question, its position, the buttons around it. Submitted: all. */
  ns.showScreen = function (section, progress) {
    var asked = progress.askedQuestions();
    var one = progress.quiz.onePerScreen && !progress.submitted;
    var at = progress.position = Math.max(0, Math.min(progress.position, asked.length - 1));
    var position = section.querySelector("[data-position]");
    asked.forEach(function (question, index) { ns.itemFor(section, question).hidden = one && index !== at; });
    if (position) {
      position.hidden = !one;
      position.textContent = one ? ns.t("quiz.position", { number: at + 1, total: asked.length }) : "";
    }
    show(section, "[data-step]", function (button) { return one && Boolean(asked[at + Number(button.dataset.step)]); });
    section.querySelector("[data-submit]").hidden = progress.submitted || (one && at < asked.length - 1);
  };

  /* Focus to the question on screen (its fieldset is named by the legend). */
  ns.focusQuestion = function (section, progress) {
    var box = ns.itemFor(section, progress.askedQuestions()[progress.position]).querySelector(".question");
    box.tabIndex = -1;
    box.focus();
  };

  /* Focus to a question's first field (a list to sort: its first item). */
  ns.focusField = function (item) {
    var field = item.querySelector("input, select, [data-grab]");
    if (field) { field.focus(); }
  };

  /* The lessons still to view before a locked quiz opens (none: it is open). */
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
    show(lock, "li", function (line) {
      return left.some(function (page) { return "lesson:" + page.id === line.firstElementChild.dataset.lockGo; });
    });
  };
})(window.CoursePackager = window.CoursePackager || {});
