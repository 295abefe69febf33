window.DS = { slides: 12 };
