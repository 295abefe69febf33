function findAPI(win) { return win.API_1484_11 || null; }
