/* A guarded connection to a SCORM API object: checks every result, sends a value only when it
   changed, tries a failed SetValue or Commit twice before reporting a fault, finishes once.
   Method names are the dialect's prefix ("LMS" in 1.2) plus the 2004 names. */
(function (ns) {
  "use strict";

  function LmsConnection(api, dialect, onFault) {
    this.api = api;
    this.prefix = dialect.prefix;
    this.finishName = dialect.finish;
    this.onFault = onFault || function () {};
    this.sent = {};
    this.finished = false;
  }

  /* One API call; its result as a string ("false" if it threw). */
  LmsConnection.prototype.call = function (method, args) {
    try { return String(this.api[this.prefix + method].apply(this.api, args)); } catch (error) { return "false"; }
  };

  /* A call that must return "true": tried twice, then reported. */
  LmsConnection.prototype.attempt = function (method, args) {
    if (this.call(method, args) === "true" || this.call(method, args) === "true") { return true; }
    this.onFault(this.prefix + method + "(" + args.join(", ") + ") failed with error " + this.call("GetLastError", []));
    return false;
  };

  LmsConnection.prototype.initialize = function () { return this.call("Initialize", [""]) === "true"; };

  LmsConnection.prototype.get = function (element) {
    var value = this.call("GetValue", [element]);
    return this.call("GetLastError", []) === "0" ? value : "";
  };

  /* Set a value unless the LMS already has it from us; whether the LMS accepted it. */
  LmsConnection.prototype.set = function (element, value) {
    value = String(value);
    if (this.finished) { return false; }
    if (this.sent[element] === value) { return true; }
    var ok = this.attempt("SetValue", [element, value]);
    if (ok) { this.sent[element] = value; }
    return ok;
  };

  LmsConnection.prototype.commit = function () { return !this.finished && this.attempt("Commit", [""]); };

  LmsConnection.prototype.finish = function () {
    if (this.finished) { return false; }
    this.finished = true;
    return this.call(this.finishName, [""]) === "true";
  };

  ns.LmsConnection = LmsConnection;
})(window.CoursePackager = window.CoursePackager || {});
