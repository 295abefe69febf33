/* Seeded randomness: an attempt's seed decides its questions and their order, so a resumed attempt
   looks as it did. */
(function (ns) {
  "use strict";

  const SEED_LIMIT = 2176782336; /* 36^6: a seed fits six base-36 digits */

  ns.newSeed = () => Math.floor(Math.random() * SEED_LIMIT);

  /* A shuffled copy of items (mulberry32 numbers): the same seed and salt always give the same order. */
  ns.seededShuffle = function (items, seed, salt) {
    let state = (seed + Math.imul(salt || 0, 2654435761)) % SEED_LIMIT >>> 0;
    const copy = items.slice();
    for (let index = copy.length - 1; index > 0; index--) {
      state = (state + 0x6D2B79F5) >>> 0;
      let value = Math.imul(state ^ (state >>> 15), state | 1);
      value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
      const other = Math.floor((((value ^ (value >>> 14)) >>> 0) / 4294967296) * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  };
})(window.CoursePackager = window.CoursePackager || {});
