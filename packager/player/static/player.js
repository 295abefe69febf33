/*
 * Test LMS player: plays the LMS's part for one package, using scorm-again as the runtime.
 * It keeps what an LMS would keep between launches (the learner's record), seeds it back on
 * relaunch, logs every API call with its result and error code, and flags spec violations.
 * The standards it can launch are in standards.js, the LMS profiles in profiles.js.
 *
 * window.player is the interface tests use: record(), log(), violations(), live(), launch(),
 * profile(), profiles(), loaded(), and end(), relaunch(), reset(), switchProfile(name), which return promises.
 */
(function (ns) {
  "use strict";

  var BLANK = "about:blank";
  var store = ns.store;
  var view = new ns.View();
  var frame = document.getElementById("content-frame");
  var info = null;
  var session = null;
  var launchNumber = 0;
  var loaded = false;
  var endWaiters = [];
  var refreshPending = false;
  var entries = [];
  var logKept = true;

  var requested = new URLSearchParams(window.location.search).get("profile");
  var profileName = requested && ns.profiles.hasOwnProperty(requested) ? requested : ns.DEFAULT_PROFILE;
  var profileNote = requested && requested !== profileName
    ? " Unknown profile \"" + requested + "\": using " + profileName + "." : "";

  function record() { return store.load("record", null); }
  function log() { return entries.slice(); }

  function completeRule() {
    var rules = ns.profiles[profileName].complete;
    return info && rules.hasOwnProperty(info.standard) ? rules[info.standard] : null;
  }

  /* Keep the record up to date: what the LMS holds now, and whether this profile calls it complete. */
  function judged(stored) {
    var rule = completeRule();
    stored.profile = profileName;
    stored.complete = stored.cmi ? (rule ? rule(stored.cmi) : null) : false;
    return stored;
  }

  function persist(event, saver) {
    var stored = store.load("record", { launches: saver.launchNumber });
    stored.cmi = saver.cmi();
    stored.lastEvent = event;
    stored.commits = (stored.commits || 0) + 1;
    store.save("record", judged(stored));
  }

  function logCall(entry) {
    entries.push(entry);
    if (logKept && !store.save("log", entries)) {
      logKept = false;
      view.status("The browser's storage is full: the log is no longer kept across reloads.");
    }
    view.addCall(entry);
    scheduleRefresh();
  }

  function scheduleRefresh() {
    if (refreshPending) { return; }
    refreshPending = true;
    Promise.resolve().then(refresh);
  }

  /* The course's own storage, for content that runs without an LMS (the web target). */
  function pageStorage() {
    var values = {};
    for (var index = 0; index < localStorage.length; index++) {
      var key = localStorage.key(index);
      if (!store.isOwnKey(key)) { values[key] = localStorage.getItem(key); }
    }
    return values;
  }

  function refresh() {
    refreshPending = false;
    var stored = record();
    var flagged = entries.filter(function (entry) { return entry.violation; }).length;
    var facts = [["Profile", ns.profiles[profileName].label]];
    view.showLogNote(session ? "" : "The package has no LMS API to call here, so there is nothing to log.");
    if (session) {
      view.showModel(session.cmi(), "");
      facts.push(["Launch", String(launchNumber) + (loaded ? "" : " (ended)")]);
      facts.push(["Session", session.state]);
      var complete = stored ? stored.complete : null;
      facts.push(["Complete", complete === null ? "not known to this profile" : complete ? "yes" : "no"]);
      facts.push(["Spec violations", String(flagged)]);
    } else {
      view.showModel(pageStorage(), info && info.standard === "none"
        ? "This package talks to no LMS (plain web build): below is what it keeps in the browser."
        : "No launcher for the standard \"" + (info ? info.standard : "?") + "\".");
    }
    view.showRecord(facts);
  }

  frame.addEventListener("load", function () {
    if (frame.getAttribute("src") === BLANK) {
      var waiters = endWaiters;
      endWaiters = [];
      waiters.forEach(function (resolve) { resolve(); });
      refresh();
      return;
    }
    loaded = true;
    var owner = session;
    try {
      /* Capture phase: runs before the content's own pagehide handlers, which usually finish. */
      frame.contentWindow.addEventListener("pagehide", function () { if (owner) { owner.unloading = true; } }, true);
    } catch (error) { /* content from another origin: nothing to watch */ }
    refresh();
  });

  /* Launch the content, seeded from the learner's record (a resume when it was suspended). */
  function begin() {
    var stored = record();
    var standard = ns.standards[info.standard];
    launchNumber = (stored ? stored.launches : 0) + 1;
    session = null;
    if (standard) {
      session = new ns.Session({
        standard: standard,
        profile: ns.profiles[profileName],
        launchNumber: launchNumber,
        info: info,
        cmi: stored && stored.cmi ? stored.cmi : null,
        onCall: logCall,
        onSave: persist
      });
      var updated = stored || {};
      updated.launches = launchNumber;
      updated.standard = info.standard;
      store.save("record", judged(updated));
      window[standard.global] = session.api;
    }
    loaded = false;
    frame.src = info.href;
    var what = standard ? standard.label + ", launch " + launchNumber + ", " + ns.profiles[profileName].label
      : info.standard === "none" ? "no LMS: a plain web build" : "no launcher for \"" + info.standard + "\"";
    view.status("Playing " + (info.title || "the package") + " (" + what + ")." + profileNote);
    refresh();
  }

  /* End the session as an LMS does when the learner leaves: unload the content (it finishes). */
  function end() {
    return new Promise(function (resolve) {
      if (session) { session.unloading = true; }
      if (frame.getAttribute("src") === BLANK) {
        resolve();
        return;
      }
      loaded = false;
      endWaiters.push(resolve);
      frame.src = BLANK;
    }).then(function () {
      view.status("The session has ended. Relaunch to resume, or reset the attempt.");
    });
  }

  /* One change of launch at a time: a second click while the content unloads gets the first's promise. */
  var changing = null;
  function endThen(change) {
    if (!changing) {
      changing = end().then(change).then(function () { changing = null; }, function (error) {
        changing = null;
        throw error;
      });
    }
    return changing;
  }

  function relaunch() { return endThen(begin); }

  function reset() {
    return endThen(function () {
      store.clear();
      store.save("server", info.session);
      entries = [];
      logKept = true;
      view.clearLog();
      begin();
    });
  }

  function switchProfile(name) {
    if (!ns.profiles.hasOwnProperty(name)) { return Promise.reject(new Error("unknown profile " + name)); }
    return endThen(function () {
      profileName = name;
      profileNote = "";
      var url = new URL(window.location.href);
      url.searchParams.set("profile", name);
      window.history.replaceState(null, "", url.toString());
      view.showProfiles(ns.profiles, profileName);
      begin();
    });
  }

  function start(launchInfo) {
    info = launchInfo;
    if (store.load("server", null) !== info.session) {
      store.clear();
      store.save("server", info.session);
    }
    view.showProfiles(ns.profiles, profileName);
    entries = store.load("log", []);
    entries.forEach(function (entry) { view.addCall(entry); });
    view.showCounts();
    document.getElementById("profile-select").addEventListener("change", function (event) {
      switchProfile(event.target.value);
    });
    document.getElementById("relaunch-button").addEventListener("click", relaunch);
    document.getElementById("reset-button").addEventListener("click", reset);
    /* The content's own writes to localStorage (a package with no LMS) show as they happen. */
    window.addEventListener("storage", scheduleRefresh);
    begin();
  }

  window.player = {
    record: record,
    log: log,
    violations: function () { return entries.filter(function (entry) { return entry.violation; }); },
    live: function () { return session ? session.cmi() : null; },
    launch: function () { return info; },
    profile: function () { return profileName; },
    profiles: function () { return Object.keys(ns.profiles); },
    loaded: function () { return loaded; },
    end: end,
    relaunch: relaunch,
    reset: reset,
    switchProfile: switchProfile
  };

  fetch("/launch.json").then(function (response) { return response.json(); }).then(start, function (error) {
    view.status("Cannot load the package: " + error);
  });
})(window.TestLms = window.TestLms || {});
