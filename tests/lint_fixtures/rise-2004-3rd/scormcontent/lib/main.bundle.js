document.getElementById("app").textContent = "Welcome";
