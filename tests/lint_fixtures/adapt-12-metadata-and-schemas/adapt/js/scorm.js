var ScormWrapper = { version: "1.2" };
