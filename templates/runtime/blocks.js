/* Lesson blocks: each block's on/off facts (items opened, cards turned, steps reached) in course
   order, whether a lesson's blocks are finished, and starting each block's script (ns.blockTypes). */
(function (ns) {
  "use strict";

  ns.blockTypes = {};

  /* Buttons (selector) that each open or close the element their aria-controls names (an accordion's
     panel, a graphic's note, a card's back); what is open is kept; also(button, open) adds to it. */
  ns.toggleItems = function (element, selector, progress, also) {
    element.querySelectorAll(selector).forEach((button, index) => {
      function show(open) {
        button.setAttribute("aria-expanded", open);
        document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
        if (also) { also(button, open); }
      }
      show(progress.seen(index));
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        show(open);
        progress.set(index, open);
      });
    });
  };

  function BlockProgress(pages) {
    let size = 0;
    this.pages = pages.map((page) => (page.blocks || []).map((block) => {
      size += block.size;
      return Object.assign({ offset: size - block.size }, block);
    }));
    this.facts = new Array(size).fill(false);
  }

  /* Every block of the page that must be finished is: its "done" fact is on, or else all its facts. */
  BlockProgress.prototype.finished = function (pageIndex) {
    return this.pages[pageIndex].every((block) => {
      const facts = this.facts.slice(block.offset, block.offset + block.size);
      return !block.finish || (block.done === undefined ? facts.every(Boolean) : facts[block.done]);
    });
  };

  /* Start every block's script with its kept facts; onChange runs when one changes. */
  BlockProgress.prototype.start = function (state, onChange) {
    state.pages.forEach((page, pageIndex) => {
      document.querySelectorAll('[data-view="' + ns.locationOf(page) + '"] [data-block]').forEach((element) => {
        const block = this.pages[pageIndex][Number(element.getAttribute("data-block"))];
        const script = ns.blockTypes[element.getAttribute("data-block-type")];
        if (!block || !script) { return; }
        script(element, {
          seen: (item) => item < block.size && this.facts[block.offset + item],
          set: (item, on) => {
            if (item >= block.size || this.facts[block.offset + item] === on) { return; }
            this.facts[block.offset + item] = on;
            onChange();
          }
        });
      });
    });
  };

  ns.BlockProgress = BlockProgress;
})(window.CoursePackager = window.CoursePackager || {});
