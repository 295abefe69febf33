/*
 * One launch of the content: the scorm-again API object the content talks to, with every call
 * watched. Each call is judged against the spec before scorm-again sees it: a violation is
 * flagged in the call's log entry (violation + rule), and the profile decides whether the LMS
 * rejects it (result "false" and an error code) or lets it through as scorm-again would.
 */
(function (ns) {
  "use strict";

  var BASE_SETTINGS = {
    autocommit: false,
    lmsCommitUrl: false,
    mastery_override: false,
    selfReportSessionTime: false,
    logLevel: 5
  };

  function merged(base, extra) {
    var result = {};
    Object.keys(base).forEach(function (key) { result[key] = base[key]; });
    Object.keys(extra || {}).forEach(function (key) { result[key] = extra[key]; });
    return result;
  }

  function shown(value) {
    var text = JSON.stringify(value);
    return text.length > 40 ? text.slice(0, 36) + "…" : text;
  }

  /*
   * options: standard and profile (entries of ns.standards / ns.profiles), launchNumber, info (launch.json),
   * cmi (the flat record from earlier launches, or null), onCall(entry) after every call, onSave(event, session)
   * after every successful Commit or Finish.
   */
  function Session(options) {
    var self = this;
    this.standard = options.standard;
    this.profile = options.profile;
    this.launchNumber = options.launchNumber;
    this.onCall = options.onCall;
    this.onSave = options.onSave;
    this.state = "not initialized";
    this.unloading = false;
    this.forcedError = null;
    this.unsent = [];
    this.entryAnswer = null;
    this.api = this.standard.create(merged(BASE_SETTINGS, this.profile.settings));
    this.api.loadFromJSON(this.standard.launchData(options.cmi, options.info));

    var errors = this.standard.errors;
    var lastError = this.api[errors.last].bind(this.api);
    this.errorText = this.api[errors.text].bind(this.api);
    this.lastError = function () { return String(self.forcedError !== null ? self.forcedError : lastError()); };
    this.api[errors.last] = this.lastError;

    this.originalSet = this.api[this.standard.calls.setValue].bind(this.api);
    Object.keys(this.standard.calls).forEach(function (kind) { self.watch(kind); });
  }

  Session.prototype.watch = function (kind) {
    var self = this;
    var name = this.standard.calls[kind];
    var original = this.api[name].bind(this.api);
    this.api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var verdict = self.judge(kind, args);
      var result;
      var quirk = null;
      self.forcedError = null;
      if (verdict && verdict.reject) {
        result = verdict.reject.result;
        self.forcedError = verdict.reject.code;
      } else {
        if (kind === "commit" || kind === "finish") { quirk = self.landOutOfOrder(); }
        result = original.apply(null, args);
        if (kind === "getValue") { quirk = self.answerAsProfile(String(args[0]), String(result)); }
        if (quirk && quirk.value !== undefined) { result = quirk.value; }
        if (quirk && quirk.error !== undefined) { self.forcedError = quirk.error; }
      }
      var succeeded = String(result) === "true";
      if (kind === "setValue" && succeeded && self.profile.outOfOrder) { self.unsent.push(args.map(String)); }
      if (kind === "initialize" && succeeded && self.state === "not initialized") { self.state = "running"; }
      if (kind === "finish" && succeeded && self.state === "running") { self.state = "finished"; }
      var code = self.lastError();
      var entry = {
        launch: self.launchNumber, call: name, kind: kind, args: args, result: String(result),
        error: code, errorText: String(self.errorText(code))
      };
      if (verdict && verdict.rule) {
        entry.violation = verdict.message;
        entry.rule = verdict.rule;
      }
      if (verdict && verdict.quirk) { entry.quirk = verdict.quirk; }
      if (quirk && quirk.quirk) { entry.quirk = quirk.quirk; }
      if (quirk && quirk.note) { entry.note = quirk.note; }
      self.onCall(entry);
      if ((kind === "commit" || kind === "finish") && succeeded) { self.onSave(name, self); }
      return result;
    };
  };

  /* A GetValue as this profile answers it: {value, quirk} when it differs from the data model, and a
     note when the content gets suspend_data although entry did not say "resume". */
  Session.prototype.answerAsProfile = function (element, value) {
    var answer = {};
    if (this.profile.getNeverFails && this.lastError() !== "0") {
      answer.value = "";
      answer.error = "0";
      answer.quirk = this.profile.label + ": " + element + " is answered with \"\" and no error (was error " +
        this.lastError() + ")";
    }
    else if (this.profile.blank && this.profile.blank.indexOf(element) !== -1 && value !== "") {
      answer.value = "";
      answer.quirk = this.profile.label + ": " + element + " is answered with \"\" (the data model has " +
        JSON.stringify(value) + ")";
    }
    var answered = answer.value !== undefined ? answer.value : value;
    if (element === this.standard.entryElement) { this.entryAnswer = answered; }
    if (element === "cmi.suspend_data" && answered !== "" && this.entryAnswer !== "resume") {
      answer.note = "suspend_data is kept although entry was " + JSON.stringify(this.entryAnswer || "") +
        ", not \"resume\": the content should resume from it";
    }
    return answer.value !== undefined || answer.note ? answer : null;
  };

  /* Out-of-order profiles: the values set since the last commit land again in the reverse order. */
  Session.prototype.landOutOfOrder = function () {
    var unsent = this.unsent;
    this.unsent = [];
    if (!this.profile.outOfOrder || unsent.length < 2) { return null; }
    var set = this.originalSet;
    unsent.slice().reverse().forEach(function (pair) { set(pair[0], pair[1]); });
    return { quirk: this.profile.label + ": the " + unsent.length + " values set since the last commit " +
      "landed in the reverse order" };
  };

  /* What the spec says of this call now: null when it is fine, else {rule, message, quirk, reject}. */
  Session.prototype.judge = function (kind, args) {
    var calls = this.standard.calls;
    var name = calls[kind];
    if (kind === "initialize") {
      return this.state === "not initialized" ? null
        : { rule: "initialize-twice", message: name + " called again: a launch has one session" };
    }
    if (this.state === "not initialized") {
      return { rule: "before-initialize", message: name + " before " + calls.initialize };
    }
    if (this.state === "finished") {
      var verdict = kind === "finish"
        ? { rule: "finish-twice", message: name + " called again: the session has ended" }
        : { rule: "after-finish", message: name + " after " + calls.finish };
      if (this.profile.enforce && !this.standard.scormAgainRejectsAfterFinish) {
        verdict.reject = { result: kind === "getValue" ? "" : "false", code: this.standard.codes.afterFinish };
      }
      return verdict;
    }
    if (kind === "setValue") { return this.judgeValue(String(args[0]), String(args[1])); }
    if (kind === "commit" && this.unloading && !this.profile.commitWhileUnloading) {
      return {
        quirk: this.profile.label + ": a " + name + " while the content unloads fails",
        reject: { result: "false", code: this.standard.codes.general }
      };
    }
    return null;
  };

  Session.prototype.judgeValue = function (element, value) {
    var rules = this.standard.rules.filter(function (rule) { return rule.element === element; });
    for (var index = 0; index < rules.length; index++) {
      var rule = rules[index];
      var problem = rule.check(value);
      if (!problem) { continue; }
      var verdict = { rule: rule.id, message: element + " " + shown(value) + " " + problem };
      var tolerated = this.profile.tolerate && this.profile.tolerate[rule.id];
      if (this.profile.enforce && !(tolerated && tolerated(value))) {
        verdict.reject = { result: "false", code: this.standard.codes.badValue };
      }
      return verdict;
    }
    return null;
  };

  /* The data model now, write-only elements included. */
  Session.prototype.cmi = function () { return this.api.getFlattenedCMI(); };

  ns.Session = Session;
})(window.TestLms = window.TestLms || {});
