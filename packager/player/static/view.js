/*
 * The inspector beside the content: the call log, the data model and the record's summary.
 * Everything shown comes from the content or the package, so it is written with textContent only:
 * a value such as "<img onerror=...>" shows as text and never becomes markup.
 */
(function (ns) {
  "use strict";

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  function View() {
    this.log = byId("call-log").tBodies[0];
    this.logScroller = byId("call-log-scroll");
    this.model = byId("data-model").tBodies[0];
    this.count = 0;
    this.flags = 0;
  }

  View.prototype.status = function (text) { byId("player-status").textContent = text; };

  View.prototype.showProfiles = function (profiles, current) {
    var select = byId("profile-select");
    select.textContent = "";
    Object.keys(profiles).forEach(function (name) {
      var option = element("option", profiles[name].label);
      option.value = name;
      option.title = profiles[name].description;
      option.selected = name === current;
      select.appendChild(option);
    });
    byId("profile-description").textContent = profiles[current].description;
  };

  View.prototype.clearLog = function () {
    this.log.textContent = "";
    this.count = 0;
    this.flags = 0;
    this.showCounts();
  };

  View.prototype.showCounts = function () {
    byId("call-count").textContent = this.count + (this.count === 1 ? " call" : " calls") +
      (this.flags ? ", " + this.flags + " flagged" : "");
  };

  /* One row per call; a flagged call gets a second row saying what the spec forbids. */
  View.prototype.addCall = function (entry) {
    var row = element("tr", null, entry.violation ? "violation" : entry.quirk ? "quirk" : "");
    row.appendChild(element("td", entry.launch, "launch"));
    row.appendChild(element("td", entry.call, "call"));
    row.appendChild(element("td", entry.args.map(function (arg) { return JSON.stringify(arg); }).join(", "), "args"));
    row.appendChild(element("td", JSON.stringify(entry.result), "result"));
    row.appendChild(element("td", entry.error === "0" ? "0" : entry.error + " " + (entry.errorText || ""), "error"));
    this.log.appendChild(row);
    var flagged = entry.violation ? "Spec violation (" + entry.rule + "): " + entry.violation : entry.quirk;
    /* A note (the content resumes although entry is not "resume") is shown, not counted as a flag. */
    var note = [flagged, entry.note].filter(Boolean).join(" ");
    if (note) {
      var flag = element("tr", null, entry.violation ? "flag" : "flag quirk-note");
      var cell = element("td", note);
      cell.colSpan = 5;
      flag.appendChild(cell);
      this.log.appendChild(flag);
      if (flagged) { this.flags += 1; }
    }
    this.count += 1;
    this.showCounts();
    this.logScroller.scrollTop = this.logScroller.scrollHeight;
  };

  /* Says why the log stays empty (no API on the page), or nothing. */
  View.prototype.showLogNote = function (note) {
    var paragraph = byId("call-log-note");
    paragraph.textContent = note || "";
    paragraph.hidden = !note;
  };

  /* The data model as element/value rows; `note` explains an empty model. */
  View.prototype.showModel = function (values, note) {
    var body = this.model;
    body.textContent = "";
    byId("data-model-note").textContent = note || "";
    Object.keys(values || {}).sort().forEach(function (name) {
      var row = element("tr");
      row.appendChild(element("th", name));
      var value = values[name];
      row.appendChild(element("td", value !== null && typeof value === "object" ? JSON.stringify(value) : value));
      row.firstChild.scope = "row";
      body.appendChild(row);
    });
  };

  View.prototype.showRecord = function (facts) {
    var list = byId("record-summary");
    list.textContent = "";
    facts.forEach(function (fact) {
      var item = element("div");
      item.appendChild(element("dt", fact[0]));
      item.appendChild(element("dd", fact[1]));
      list.appendChild(item);
    });
  };

  ns.View = View;
})(window.TestLms = window.TestLms || {});
