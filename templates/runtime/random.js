/* Seeded randomness: an attempt's seed decides its questions and their order, so a resumed attempt
   looks as it did. */
(function (ns) {
  "use strict";

  var SEED_LIMIT = 2176782336; /* 36^6: a seed fits six base-36 digits */

  /* mulberry32: small, fast and good enough for shuffling. Returns numbers in [0, 1). */
  function generator(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6D2B79F5) >>> 0;
      var value = state;
      value = Math.imul(value ^ (value >>> 15), value | 1);
      value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
      return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
    };
  }

  ns.newSeed = function () {
    return Math.floor(Math.random() * SEED_LIMIT);
  };

  /* A shuffled copy of items; the same seed and salt always give the same order. */
  ns.seededShuffle = function (items, seed, salt) {
    var next = generator((seed + Math.imul(salt || 0, 2654435761)) % SEED_LIMIT);
    var copy = items.slice();
    for (var index = copy.length - 1; index > 0; index--) {
      var other = Math.floor(next() * (index + 1));
      var held = copy[index];
      copy[index] = copy[other];
      copy[other] = held;
    }
    return copy;
  };
})(window.CoursePackager = window.CoursePackager || {});
