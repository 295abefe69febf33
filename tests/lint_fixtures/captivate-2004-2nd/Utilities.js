var cp = {};
