var iSpring = { findAPI: function () { return window.parent.API_1484_11; } };
