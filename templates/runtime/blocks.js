/* Lesson blocks: each block's on/off facts (items opened, cards turned, steps reached) in course
   order, whether a lesson's blocks are finished, and starting each block's script (ns.blockTypes). */
(function (ns) {
  "use strict";

  ns.blockTypes = {};

  /* Buttons (selector) that each open or close the element their aria-controls names (an
     accordion's panel, a graphic's note); what is open is kept. */
  ns.toggleItems = function (element, selector, progress) {
    element.querySelectorAll(selector).forEach(function (button, index) {
      var target = document.getElementById(button.getAttribute("aria-controls"));
      function show(open) {
        button.setAttribute("aria-expanded", String(open));
        target.hidden = !open;
      }
      show(progress.seen(index));
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        show(open);
        progress.set(index, open);
      });
    });
  };

  function BlockProgress(pages) {
    var size = 0;
    this.pages = pages.map(function (page) {
      return (page.blocks || []).map(function (block) {
        var entry = { offset: size, size: block.size, finish: block.finish, done: block.done };
        size += block.size;
        return entry;
      });
    });
    this.facts = [];
    for (var index = 0; index < size; index++) { this.facts.push(false); }
  }

  /* Every block of the page that must be finished is: all its facts are on, or its "done" one. */
  BlockProgress.prototype.finished = function (pageIndex) {
    var facts = this.facts;
    return this.pages[pageIndex].every(function (block) {
      if (block.done !== undefined) { return !block.finish || facts[block.offset + block.done]; }
      return !block.finish || facts.slice(block.offset, block.offset + block.size).every(Boolean);
    });
  };

  /* Hex digits, four facts each; "" when the course keeps none. */
  BlockProgress.prototype.encode = function () {
    var text = "";
    for (var start = 0; start < this.facts.length; start += 4) {
      var nibble = 0;
      for (var bit = 0; bit < 4; bit++) { if (this.facts[start + bit]) { nibble |= 1 << bit; } }
      text += nibble.toString(16);
    }
    return text;
  };

  BlockProgress.prototype.decode = function (text) {
    var facts = this.facts;
    text.split("").forEach(function (digit, at) {
      var nibble = parseInt(digit, 16) || 0;
      for (var bit = 0; bit < 4 && at * 4 + bit < facts.length; bit++) { facts[at * 4 + bit] = Boolean(nibble & (1 << bit)); }
    });
  };

  /* Start every block's script with its kept facts; onChange runs when one changes. */
  BlockProgress.prototype.start = function (state, onChange) {
    var progress = this;
    state.pages.forEach(function (page, pageIndex) {
      var view = document.querySelector('[data-view="' + ns.locationOf(page) + '"]');
      if (!view) { return; }
      view.querySelectorAll("[data-block]").forEach(function (element) {
        var block = progress.pages[pageIndex][Number(element.getAttribute("data-block"))];
        var script = ns.blockTypes[element.getAttribute("data-block-type")];
        if (!block || !script) { return; }
        script(element, {
          seen: function (item) { return item < block.size && progress.facts[block.offset + item]; },
          set: function (item, on) {
            if (item >= block.size || progress.facts[block.offset + item] === on) { return; }
            progress.facts[block.offset + item] = on;
            onChange();
          }
        });
      });
    });
  };

  ns.BlockProgress = BlockProgress;
})(window.CoursePackager = window.CoursePackager || {});
