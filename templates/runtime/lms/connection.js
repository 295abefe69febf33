/*
 * A guarded connection to an LMS API object: checks every return value, sends a value only
 * when it changed, retries a failed SetValue or Commit once before reporting a fault, and
 * finishes exactly once. The SCORM 1.2 and 2004 adapters differ only in method and element names.
 */
(function (ns) {
  "use strict";

  function LmsConnection(api, methods, onFault) {
    this.api = api;
    this.methods = methods;
    this.onFault = onFault || function () {};
    this.sent = {};
    this.finished = false;
  }

  LmsConnection.prototype.lastError = function () {
    try { return String(this.api[this.methods.getLastError]()); } catch (error) { return "exception"; }
  };

  /* One API call; returns its result as a string ("false" if it threw). */
  LmsConnection.prototype.call = function (method, args) {
    try {
      return String(this.api[method].apply(this.api, args));
    } catch (error) {
      return "false";
    }
  };

  /* A call that must return "true": tried twice, then reported. */
  LmsConnection.prototype.attempt = function (method, args) {
    if (this.call(method, args) === "true" || this.call(method, args) === "true") { return true; }
    this.onFault(method + "(" + args.join(", ") + ") failed with error " + this.lastError());
    return false;
  };

  LmsConnection.prototype.initialize = function () {
    return this.call(this.methods.initialize, [""]) === "true";
  };

  LmsConnection.prototype.get = function (element) {
    var value = this.call(this.methods.getValue, [element]);
    return this.lastError() === "0" ? value : "";
  };

  /* Set a value unless the LMS already has it from us; returns whether the LMS accepted it. */
  LmsConnection.prototype.set = function (element, value) {
    value = String(value);
    if (this.finished) { return false; }
    if (this.sent[element] === value) { return true; }
    var ok = this.attempt(this.methods.setValue, [element, value]);
    if (ok) { this.sent[element] = value; }
    return ok;
  };

  LmsConnection.prototype.commit = function () {
    return !this.finished && this.attempt(this.methods.commit, [""]);
  };

  LmsConnection.prototype.finish = function () {
    if (this.finished) { return false; }
    this.finished = true;
    return this.call(this.methods.finish, [""]) === "true";
  };

  ns.LmsConnection = LmsConnection;
})(window.CoursePackager = window.CoursePackager || {});
