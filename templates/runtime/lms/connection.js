/*
 * A guarded connection to an LMS API object: checks every return value, sends a value only
 * when it changed, retries a failed commit once, and finishes exactly once.
 * The SCORM 1.2 and 2004 adapters differ only in method and element names.
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

  LmsConnection.prototype.call = function (method, args) {
    var result;
    try {
      result = String(this.api[method].apply(this.api, args));
    } catch (error) {
      this.onFault(method + " threw: " + error);
      return "false";
    }
    if (result === "false") {
      this.onFault(method + "(" + args.join(", ") + ") failed with error " + this.lastError());
    }
    return result;
  };

  LmsConnection.prototype.initialize = function () {
    return this.call(this.methods.initialize, [""]) === "true";
  };

  LmsConnection.prototype.get = function (element) {
    var value = this.call(this.methods.getValue, [element]);
    var code = this.lastError();
    return code === "0" ? value : "";
  };

  /* Set a value unless the LMS already has it from us; returns whether the LMS accepted it. */
  LmsConnection.prototype.set = function (element, value) {
    value = String(value);
    if (this.finished) { return false; }
    if (this.sent[element] === value) { return true; }
    var ok = this.call(this.methods.setValue, [element, value]) === "true";
    if (ok) { this.sent[element] = value; }
    return ok;
  };

  LmsConnection.prototype.commit = function () {
    if (this.finished) { return false; }
    if (this.call(this.methods.commit, [""]) === "true") { return true; }
    return this.call(this.methods.commit, [""]) === "true";
  };

  LmsConnection.prototype.finish = function () {
    if (this.finished) { return false; }
    this.finished = true;
    return this.call(this.methods.finish, [""]) === "true";
  };

  ns.LmsConnection = LmsConnection;
})(window.CoursePackager = window.CoursePackager || {});
